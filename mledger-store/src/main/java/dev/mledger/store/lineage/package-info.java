/**
 * Storage SPI of the lineage graph ({@link dev.mledger.store.lineage.LineageStore}) and the sources
 * that derive edges from the other stores ({@link dev.mledger.store.lineage.RegistryLineageSource},
 * combined by {@link dev.mledger.store.lineage.LineageSources}).
 */
package dev.mledger.store.lineage;
