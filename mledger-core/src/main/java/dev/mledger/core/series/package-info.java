/** Down-sampling of long numeric series for display (Largest-Triangle-Three-Buckets). */
package dev.mledger.core.series;
