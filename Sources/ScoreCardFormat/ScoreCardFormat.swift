// ScoreCardFormat: work in progress.
