"""ClaimLens claim classifier: features, training, evaluation, persistence and explanations.

The package never imports the web service; the service imports `model.persistence` to load the
promoted model and `model.train` to build one on first start.
"""

LABELS = ("none", "supported", "overstated", "unsupported")
