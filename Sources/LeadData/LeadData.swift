// LeadData: work in progress.
