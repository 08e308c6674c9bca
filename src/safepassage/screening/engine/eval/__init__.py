"""The labelled evaluation set of name pairs, its generator and the measures taken on it."""
