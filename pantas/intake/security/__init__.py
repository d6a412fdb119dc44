"""Security building blocks of intake: receipts, sealed identities, evidence encryption, anti-automation."""
