package dev.mledger.cli.demo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fitted linear model over standardized inputs: {@code ŷ = b + Σ wᵢ·(xᵢ − μᵢ)/σᵢ}. The
 * standardization is part of the model, so it predicts from raw feature values.
 */
record LinearModel(double[] means, double[] scales, double[] weights, double bias) {

  double predict(double[] x) {
    double y = bias;
    for (int i = 0; i < weights.length; i++) {
      y += weights[i] * (x[i] - means[i]) / scales[i];
    }
    return y;
  }

  /** The model as the JSON document stored as the run's {@code model/model.json} artifact. */
  Map<String, Object> toJson(ModelConfig config) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format", "mledger-demo-linear/1");
    json.put("model", config.model());
    json.put("alpha", config.alpha());
    json.put("features", Population.featureNames());
    json.put("means", means);
    json.put("scales", scales);
    json.put("weights", weights);
    json.put("bias", bias);
    return json;
  }
}
