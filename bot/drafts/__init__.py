"""Draft applications: the models, their migrations and the one repository that touches them."""
from bot.drafts.repository import (CONTACT_METHODS, INITIAL_STATUS, VICTIM_TYPES, DraftError, DraftStore,
                                   SaveResult, StoreUnavailable, migrate, to_record)

__all__ = ["CONTACT_METHODS", "INITIAL_STATUS", "VICTIM_TYPES", "DraftError", "DraftStore", "SaveResult",
           "StoreUnavailable", "migrate", "to_record"]
