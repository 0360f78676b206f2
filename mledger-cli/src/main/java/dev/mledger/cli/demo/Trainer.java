package dev.mledger.cli.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Mini-batch gradient descent on the squared error plus the configuration's L2 penalty. The seed
 * decides the train/test split (80/20), the initial weights and the batch order, so five seeds give
 * five honest replicates of one configuration.
 */
final class Trainer {
  /** Predictions timed one by one to estimate serving latency. */
  static final int LATENCY_SAMPLES = 2000;

  /**
   * Assumed serving price: a per-request fee of $0.20 per million requests plus compute at
   * $0.0000166667 per GB-second for a 1 GB instance (a typical serverless price list). The demo's
   * cost metric is this price applied to the measured latency.
   */
  static final double REQUEST_FEE_PER_1K = 0.0002;

  static final double COMPUTE_PER_MS = 0.0000166667 / 1000.0;

  private Trainer() {}

  /** Called after every epoch with the curve values logged per step. */
  interface EpochListener {
    void epoch(int epoch, double trainLoss, double testRmse, double testR2);
  }

  /** A trained model with its held-out quality and serving figures. */
  record Result(
      LinearModel model,
      int trainRows,
      int testRows,
      double testR2,
      double testRmse,
      double testMae,
      double latencyP95Ms,
      double costPer1kPredictions) {}

  static Result train(
      ModelConfig config, List<DataPipeline.Row> rows, long seed, EpochListener listener) {
    Random random = new Random(seed);
    List<DataPipeline.Row> shuffled = new ArrayList<>(rows);
    java.util.Collections.shuffle(shuffled, random);
    int trainSize = (int) Math.round(shuffled.size() * 0.8);
    List<DataPipeline.Row> train = shuffled.subList(0, trainSize);
    List<DataPipeline.Row> test = shuffled.subList(trainSize, shuffled.size());

    int d = Population.FEATURES;
    double[] means = new double[d];
    double[] scales = new double[d];
    for (DataPipeline.Row r : train) {
      for (int i = 0; i < d; i++) {
        means[i] += r.x()[i] / train.size();
      }
    }
    for (DataPipeline.Row r : train) {
      for (int i = 0; i < d; i++) {
        double c = r.x()[i] - means[i];
        scales[i] += c * c / (train.size() - 1);
      }
    }
    for (int i = 0; i < d; i++) {
      scales[i] = Math.sqrt(scales[i]) > 1e-12 ? Math.sqrt(scales[i]) : 1.0;
    }
    double[][] z = new double[train.size()][d];
    double[] y = new double[train.size()];
    for (int n = 0; n < train.size(); n++) {
      for (int i = 0; i < d; i++) {
        z[n][i] = (train.get(n).x()[i] - means[i]) / scales[i];
      }
      y[n] = train.get(n).y();
    }

    double[] w = new double[d];
    for (int i = 0; i < d; i++) {
      w[i] = 0.01 * random.nextGaussian();
    }
    double b = 0;
    int[] order = new int[train.size()];
    Arrays.setAll(order, i -> i);
    for (int epoch = 0; epoch < config.epochs(); epoch++) {
      shuffle(order, random);
      for (int start = 0; start < order.length; start += config.batchSize()) {
        int end = Math.min(order.length, start + config.batchSize());
        double[] gw = new double[d];
        double gb = 0;
        for (int k = start; k < end; k++) {
          int n = order[k];
          double err = b + dot(w, z[n]) - y[n];
          for (int i = 0; i < d; i++) {
            gw[i] += err * z[n][i];
          }
          gb += err;
        }
        int size = end - start;
        for (int i = 0; i < d; i++) {
          w[i] -= config.learningRate() * (gw[i] / size + config.alpha() * w[i]);
        }
        b -= config.learningRate() * gb / size;
      }
      double trainLoss = 0;
      for (int n = 0; n < z.length; n++) {
        double err = b + dot(w, z[n]) - y[n];
        trainLoss += err * err / z.length;
      }
      LinearModel model = new LinearModel(means, scales, w.clone(), b);
      Quality q = quality(model, test);
      listener.epoch(epoch, trainLoss, q.rmse(), q.r2());
    }
    LinearModel model = new LinearModel(means, scales, w, b);
    Quality q = quality(model, test);
    double p95 = latencyP95Ms(model, test);
    double cost = REQUEST_FEE_PER_1K + 1000 * p95 * COMPUTE_PER_MS;
    return new Result(model, train.size(), test.size(), q.r2(), q.rmse(), q.mae(), p95, cost);
  }

  /** Held-out quality: R², RMSE and MAE. */
  record Quality(double r2, double rmse, double mae) {}

  static Quality quality(LinearModel model, List<DataPipeline.Row> rows) {
    double mean = 0;
    for (DataPipeline.Row r : rows) {
      mean += r.y() / rows.size();
    }
    double sse = 0;
    double sst = 0;
    double sae = 0;
    for (DataPipeline.Row r : rows) {
      double err = model.predict(r.x()) - r.y();
      sse += err * err;
      sae += Math.abs(err);
      sst += (r.y() - mean) * (r.y() - mean);
    }
    return new Quality(1 - sse / sst, Math.sqrt(sse / rows.size()), sae / rows.size());
  }

  /** The 95th percentile (nearest rank) of single-row prediction times, in milliseconds. */
  static double latencyP95Ms(LinearModel model, List<DataPipeline.Row> rows) {
    long[] nanos = new long[LATENCY_SAMPLES];
    double sink = 0;
    for (int k = 0; k < LATENCY_SAMPLES; k++) {
      double[] x = rows.get(k % rows.size()).x();
      long t0 = System.nanoTime();
      sink += model.predict(x);
      nanos[k] = System.nanoTime() - t0;
    }
    if (Double.isNaN(sink)) {
      throw new IllegalStateException("the model predicts NaN");
    }
    Arrays.sort(nanos);
    int rank = (int) Math.ceil(0.95 * LATENCY_SAMPLES) - 1;
    return nanos[rank] / 1e6;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static void shuffle(int[] a, Random random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
