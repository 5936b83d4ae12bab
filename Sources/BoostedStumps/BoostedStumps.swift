// BoostedStumps: work in progress.
