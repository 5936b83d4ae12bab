// LinearModels: work in progress.
