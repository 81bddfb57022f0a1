"""Transform: spaCy over article batches → mentions, entities, quotes and events rows."""
