package dev.mledger.core.drift;

import dev.mledger.core.error.MledgerException;
import java.util.Arrays;

/**
 * Embedding drift: a kernel two-sample test (Gretton et al. 2012) and the distance between mean
 * embeddings.
 *
 * <p>Rules: the RBF kernel {@code exp(-|x-y|^2 / (2 sigma^2))} with sigma by the median heuristic
 * (sigma^2 = median of the pairwise squared distances of the pooled rows, {@code numpy.median} over
 * pairs i &lt; j); the unbiased U-statistic MMD^2_u; p-value from seeded permutations of the pooled
 * rows, {@code (1 + #{MMD^2_perm >= MMD^2_obs}) / (1 + B)} so it is never zero. Samples larger than
 * {@link MmdOptions#maxSamplesPerSide()} are subsampled first (seeded partial Fisher-Yates); the
 * mean-embedding distances always use every row.
 */
public final class EmbeddingDrift {
  private EmbeddingDrift() {}

  /** Tests whether two sets of embeddings (rows of equal dimension) come from one distribution. */
  public static EmbeddingDriftResult test(
      double[][] reference, double[][] current, MmdOptions options) {
    int dim = dimension(reference, "reference");
    if (dimension(current, "current") != dim) {
      throw MledgerException.invalidParameter(
          "reference embeddings have dimension " + dim + " but current ones " + current[0].length);
    }
    if (reference.length < 2 || current.length < 2) {
      throw MledgerException.invalidParameter("embedding drift needs at least 2 rows per side");
    }
    double[] refMean = mean(reference, dim);
    double[] curMean = mean(current, dim);
    double meanDistance = Math.sqrt(squaredDistance(refMean, curMean));
    double cosine = cosineDistance(refMean, curMean);

    SeededRandom random = new SeededRandom(options.seed());
    double[][] x = subsample(reference, options.maxSamplesPerSide(), random);
    double[][] y = subsample(current, options.maxSamplesPerSide(), random);
    int m = x.length;
    int n = y.length;
    int total = m + n;
    double[][] pooled = new double[total][];
    System.arraycopy(x, 0, pooled, 0, m);
    System.arraycopy(y, 0, pooled, m, n);

    double[] squared = new double[total * total];
    double[] pairs = new double[total * (total - 1) / 2];
    int p = 0;
    for (int i = 0; i < total; i++) {
      for (int j = i + 1; j < total; j++) {
        double d = squaredDistance(pooled[i], pooled[j]);
        squared[i * total + j] = d;
        squared[j * total + i] = d;
        pairs[p++] = d;
      }
    }
    Arrays.sort(pairs);
    double medianSquared = median(pairs);
    // All rows identical: any bandwidth gives the same (zero) statistic; 1 avoids 0/0.
    double sigmaSquared = medianSquared > 0 ? medianSquared : 1.0;
    double[] kernel = squared;
    for (int k = 0; k < kernel.length; k++) {
      kernel[k] = Math.exp(-squared[k] / (2 * sigmaSquared));
    }

    // Permuting the labels over a fixed kernel matrix is the same test as permuting the rows, and
    // keeps the inner loop on contiguous memory.
    int[] labels = new int[total];
    for (int i = m; i < total; i++) {
      labels[i] = 1;
    }
    double observed = mmdSquared(kernel, labels, m);
    int atLeast = 0;
    for (int b = 0; b < options.permutations(); b++) {
      random.shuffle(labels);
      if (mmdSquared(kernel, labels, m) >= observed) {
        atLeast++;
      }
    }
    double pValue = (1.0 + atLeast) / (1.0 + options.permutations());
    return new EmbeddingDriftResult(
        observed,
        pValue,
        Math.sqrt(sigmaSquared),
        meanDistance,
        cosine,
        options.permutations(),
        m,
        n);
  }

  /** MMD^2_u of the rows labelled 0 (there are {@code m}) against those labelled 1. */
  static double mmdSquared(double[] kernel, int[] labels, int m) {
    int total = labels.length;
    int n = total - m;
    // sums[0]: pairs within sample 0, sums[1]: across, sums[2]: within sample 1.
    double[] sums = new double[3];
    for (int i = 0; i < total; i++) {
      int row = i * total;
      int li = labels[i];
      double same0 = 0;
      double same1 = 0;
      for (int j = i + 1; j < total; j++) {
        double k = kernel[row + j];
        if (labels[j] == 0) {
          same0 += k;
        } else {
          same1 += k;
        }
      }
      if (li == 0) {
        sums[0] += same0;
        sums[1] += same1;
      } else {
        sums[1] += same0;
        sums[2] += same1;
      }
    }
    return 2 * sums[0] / ((double) m * (m - 1))
        + 2 * sums[2] / ((double) n * (n - 1))
        - 2 * sums[1] / ((double) m * n);
  }

  private static int dimension(double[][] rows, String side) {
    if (rows == null || rows.length == 0) {
      throw MledgerException.invalidParameter("the " + side + " embeddings are empty");
    }
    int dim = rows[0].length;
    if (dim == 0) {
      throw MledgerException.invalidParameter("the " + side + " embeddings have dimension 0");
    }
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != dim) {
        throw MledgerException.invalidParameter(
            side + " embedding " + i + " has dimension " + rows[i].length + ", expected " + dim);
      }
      for (double v : rows[i]) {
        if (!Double.isFinite(v)) {
          throw MledgerException.invalidParameter(
              side + " embedding " + i + " has a non-finite component");
        }
      }
    }
    return dim;
  }

  private static double[][] subsample(double[][] rows, int max, SeededRandom random) {
    if (rows.length <= max) {
      return rows;
    }
    int[] index = new int[rows.length];
    for (int i = 0; i < index.length; i++) {
      index[i] = i;
    }
    // Partial Fisher-Yates: the first `max` slots become a uniform sample without replacement.
    for (int i = 0; i < max; i++) {
      int j = i + random.nextIndex(rows.length - i);
      int t = index[i];
      index[i] = index[j];
      index[j] = t;
    }
    double[][] out = new double[max][];
    for (int i = 0; i < max; i++) {
      out[i] = rows[index[i]];
    }
    return out;
  }

  private static double[] mean(double[][] rows, int dim) {
    double[] mean = new double[dim];
    for (double[] row : rows) {
      for (int d = 0; d < dim; d++) {
        mean[d] += row[d];
      }
    }
    for (int d = 0; d < dim; d++) {
      mean[d] /= rows.length;
    }
    return mean;
  }

  private static double squaredDistance(double[] a, double[] b) {
    double sum = 0;
    for (int d = 0; d < a.length; d++) {
      double diff = a[d] - b[d];
      sum += diff * diff;
    }
    return sum;
  }

  private static double cosineDistance(double[] a, double[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int d = 0; d < a.length; d++) {
      dot += a[d] * b[d];
      na += a[d] * a[d];
      nb += b[d] * b[d];
    }
    if (na == 0 || nb == 0) {
      return na == nb ? 0.0 : 1.0;
    }
    return 1.0 - dot / Math.sqrt(na * nb);
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }
}
