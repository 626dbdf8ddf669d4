"""Baselines for bench/automl.ts: XGBoost and scikit-learn's HistGradientBoosting with default
settings, on the feature matrices Loopbook's preprocessing wrote (the same rows and features).
Prints one JSON object: each model's test predictions (class probabilities or values) and fit time.
Run with Debian's python3 (python3-xgboost, python3-sklearn)."""
import json
import sys
import time

try:
    import numpy as np
except ImportError:  # without numpy neither baseline can run: say so, as for a missing library
    missing = {"error": "python3-numpy is not installed"}
    print(json.dumps({"xgboost": missing, "hgb": missing}))
    sys.exit(0)

meta = json.load(open(sys.argv[1]))
def load(name, dtype, cols=None):
    a = np.fromfile(meta[name], dtype=dtype)
    return a.reshape(-1, cols) if cols else a

cols = meta["cols"]
x_train, x_test = load("xTrain", np.float32, cols), load("xTest", np.float32, cols)
y_train = load("yTrain", np.float64)
task = meta["task"]
out = {}

def run(name, make):
    try:
        model = make()
        start = time.perf_counter()
        if task == "regression":
            model.fit(x_train, y_train)
            pred = model.predict(x_test).astype(float).tolist()
        else:
            model.fit(x_train, y_train.astype(int))
            pred = model.predict_proba(x_test).astype(float).ravel().tolist()
        out[name] = {"predictions": pred, "fitSeconds": time.perf_counter() - start}
    except Exception as error:  # a baseline that fails is reported, not fatal
        out[name] = {"error": str(error)}

try:
    import xgboost
    run("xgboost", lambda: xgboost.XGBRegressor() if task == "regression" else xgboost.XGBClassifier())
except ImportError:
    out["xgboost"] = {"error": "python3-xgboost is not installed"}
try:
    from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
    run("hgb", lambda: HistGradientBoostingRegressor() if task == "regression" else HistGradientBoostingClassifier())
except ImportError:
    out["hgb"] = {"error": "python3-sklearn is not installed"}
print(json.dumps(out))
