"""XGBoost side of bench/gbdt.ts: train and predict on the same float32 table, print JSON.

Usage: /usr/bin/python3 bench/gbdt-xgboost.py X.f32 Y.f32 ROWS COLS TREES GROW(depth|leaves) SIZE
Times DMatrix construction (quantile sketch = binning) + training together, then prediction on a
fresh DMatrix (the training DMatrix has a prediction cache that would make prediction look free).
"""
import json
import resource
import sys
import time

import numpy as np
import xgboost as xgb


def main() -> None:
    x_path, y_path, rows, cols, trees, grow, size = sys.argv[1:8]
    rows, cols, trees, size = int(rows), int(cols), int(trees), int(size)
    x = np.fromfile(x_path, dtype=np.float32).reshape(rows, cols)
    y = np.fromfile(y_path, dtype=np.float32)
    params = {
        "objective": "binary:logistic",
        "tree_method": "hist",
        "max_bin": 256,
        "nthread": 1,
        "eta": 0.1,
        "eval_metric": "logloss",
    }
    if grow == "leaves":
        params.update({"grow_policy": "lossguide", "max_leaves": size, "max_depth": 0})
    else:
        params.update({"max_depth": size})

    t0 = time.perf_counter()
    dtrain = xgb.DMatrix(x, label=y, missing=np.nan, nthread=1)
    t_dmatrix = time.perf_counter() - t0
    booster = xgb.train(params, dtrain, num_boost_round=trees)
    train_s = time.perf_counter() - t0

    dpredict = xgb.DMatrix(x, missing=np.nan, nthread=1)
    t1 = time.perf_counter()
    p = booster.predict(dpredict)
    predict_s = time.perf_counter() - t1

    p = np.clip(p.astype(np.float64), 1e-15, 1 - 1e-15)
    logloss = float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
    accuracy = float(np.mean((p > 0.5) == (y > 0.5)))
    print(json.dumps({
        "version": xgb.__version__,
        "trainSeconds": train_s,
        "binSeconds": t_dmatrix,
        "predictSeconds": predict_s,
        "trainLogLoss": logloss,
        "trainAccuracy": accuracy,
        "peakRssBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }))


if __name__ == "__main__":
    main()
