// Calibration: work in progress.
