// ModelCore: work in progress.
