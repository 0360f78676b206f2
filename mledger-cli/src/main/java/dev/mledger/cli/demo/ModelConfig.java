package dev.mledger.cli.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One training configuration of the demo sweep: plain least squares ({@code alpha = 0}) or ridge.
 *
 * @param alpha L2 penalty on the standardized weights
 */
record ModelConfig(String model, double alpha, double learningRate, int epochs, int batchSize) {
  static final double LEARNING_RATE = 0.05;
  static final int EPOCHS = 30;
  static final int BATCH_SIZE = 32;

  /** The baseline every other configuration is compared with. */
  static ModelConfig baseline() {
    return new ModelConfig("linear", 0, LEARNING_RATE, EPOCHS, BATCH_SIZE);
  }

  static ModelConfig ridge(double alpha) {
    return new ModelConfig("ridge", alpha, LEARNING_RATE, EPOCHS, BATCH_SIZE);
  }

  /** The sweep: the baseline first, then ridge with three penalties. */
  static List<ModelConfig> sweep() {
    return List.of(baseline(), ridge(0.01), ridge(0.1), ridge(1.0));
  }

  /** A short label such as {@code ridge-a0.1}. */
  String label() {
    return alpha == 0 ? model : model + "-a" + ParamText.of(alpha);
  }

  /** The configuration as run params (the seed is added per run). */
  Map<String, Object> params() {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("model", model);
    params.put("alpha", alpha);
    params.put("learning_rate", learningRate);
    params.put("epochs", epochs);
    params.put("batch_size", batchSize);
    return params;
  }

  /** Formats numbers in labels without trailing zeros. */
  static final class ParamText {
    private ParamText() {}

    static String of(double v) {
      return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
  }
}
