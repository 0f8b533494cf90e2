"""bench:peers, the small-text side (run by scripts/bench-peers.mjs inside its venv).

  python small_text_peers.py featurize <texts.json> <out.f32> [--dim 256]
      tf-idf (sublinear, words 1-2, min_df 2) reduced to `dim` dimensions (LSA: truncated SVD),
      rows L2-normalized: dense float32 vectors, row-major, the stand-in for the encoder's vectors.
  python small_text_peers.py learn <task.json>
      small-text 1.4.1's PoolBasedActiveLearner with a scikit-learn LogisticRegression head on the
      task's vectors, breaking-ties and random queries, from the task's start set (random: the task's
      `randomBatches`, al-label's own draws, where it gives them; else small-text's RandomSampling); prints JSON:
      test accuracy, the time of one model fit and of one whole round (query + update, which refits)
      when the human labels reach each budget.
"""
import json
import sys
import time

import numpy as np


def featurize(texts_path, out_path, dim):
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    texts = json.load(open(texts_path, encoding="utf8"))
    tfidf = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=2).fit_transform(texts)
    dim = min(dim, tfidf.shape[1] - 1)
    x = TruncatedSVD(n_components=dim, random_state=0).fit_transform(tfidf)
    x = normalize(x).astype(np.float32)
    x.tofile(out_path)
    print(json.dumps({"rows": x.shape[0], "dim": x.shape[1]}))


def given_draws(batches):
    """A small-text query strategy that returns the given batches (positions in the pool) in turn: the same
    random draws as the other side's, so that random rows compare the loops, not two generators."""
    from small_text.query_strategies import QueryStrategy

    class GivenDraws(QueryStrategy):
        def __init__(self):
            self.batches = [np.asarray(b, dtype=np.int64) for b in batches]
            self.calls = 0

        def query(self, clf, _dataset, indices_unlabeled, indices_labeled, y, n=10):
            self._validate_query_input(indices_unlabeled, n)
            picked = self.batches[self.calls]
            self.calls += 1
            if len(picked) != n or not np.isin(picked, indices_unlabeled).all():
                raise ValueError(f"given draw {self.calls} does not fit the pool: {len(picked)} rows for {n}")
            return picked

        def __str__(self):
            return "GivenDraws()"

    return GivenDraws()


def learn(task_path):
    import small_text
    from sklearn.linear_model import LogisticRegression
    from small_text import BreakingTies, PoolBasedActiveLearner, RandomSampling, SklearnClassifierFactory, SklearnDataset

    task = json.load(open(task_path, encoding="utf8"))
    # float64, as al-label's head computes: scikit-learn keeps float32 data in float32, and its L-BFGS then
    # stops about 1e-3 from the optimum (margins 4e-4 apart from al-label's on the same objective)
    x_all = np.fromfile(task["vectors"], dtype=np.float32).reshape(-1, task["dim"]).astype(np.float64)
    y_all = np.asarray(task["y"], dtype=np.int64)
    pool = np.asarray(task["pool"], dtype=np.int64)
    test = np.asarray(task["test"], dtype=np.int64)
    # positions in the pool of the start rows
    where = {int(r): k for k, r in enumerate(pool)}
    start = np.asarray([where[int(r)] for r in task["start"]], dtype=np.int64)
    k = task["numLabels"]
    head = LogisticRegression(C=task["C"], max_iter=task["maxIter"], tol=task.get("tol", 1e-4))
    train = SklearnDataset(x_all[pool], y_all[pool])
    test_set = SklearnDataset(x_all[test], y_all[test])
    out = {"version": small_text.__version__, "strategies": {}}
    for name in task["strategies"]:
        shared = name == "random" and task.get("randomBatches") is not None
        strategy = given_draws(task["randomBatches"]) if shared else {"breaking-ties": BreakingTies, "random": RandomSampling}[name]()
        np.random.seed(task["seed"])
        learner = PoolBasedActiveLearner(SklearnClassifierFactory(head, k), strategy, train)
        learner.initialize_data(start, y_all[pool][start])
        points = []
        batches = []
        budgets = sorted(task["budgets"])
        labeled = len(start)
        while budgets:
            target = budgets[0]
            if labeled >= target:
                budgets.pop(0)
                acc = float((learner.classifier.predict(test_set) == y_all[test]).mean())
                # one model fit, timed fitRepeats times: the median
                times = []
                for _ in range(task.get("fitRepeats", 1)):
                    fit = SklearnClassifierFactory(head, k).new()
                    t0 = time.perf_counter()
                    fit.fit(SklearnDataset(x_all[pool][learner.indices_labeled], learner.y))
                    times.append(time.perf_counter() - t0)
                points.append({"human": labeled, "testAccuracy": acc, "fitSeconds": sorted(times)[len(times) // 2], "roundSeconds": last_round if labeled > len(start) else None})
                continue
            n = min(task["batchSize"], target - labeled)
            t0 = time.perf_counter()
            queried = learner.query(num_samples=n)
            batches.append(sorted(int(i) for i in queried))
            learner.update(y_all[pool][queried])
            last_round = time.perf_counter() - t0
            labeled += len(queried)
        out["strategies"][name] = points
        out.setdefault("batches", {})[name] = batches
    print(json.dumps(out))


if __name__ == "__main__":
    if sys.argv[1] == "featurize":
        dim = int(sys.argv[sys.argv.index("--dim") + 1]) if "--dim" in sys.argv else 256
        featurize(sys.argv[2], sys.argv[3], dim)
    elif sys.argv[1] == "learn":
        learn(sys.argv[2])
    else:
        sys.exit("usage: small_text_peers.py featurize <texts.json> <out.f32> [--dim N] | learn <task.json>")
