/**
 * OpenLineage events (spec 2-0-2) as mledger ingests them: the three event kinds, their datasets
 * and facets, and the validation that turns a parsed JSON body into one of them or a clear {@code
 * INVALID_PARAMETER_VALUE} naming the offending field.
 */
package dev.mledger.core.lineage.openlineage;
