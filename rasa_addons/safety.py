"""An NLU component that makes "danger right now" deterministic.

It runs last in the pipeline. When `bot.dialogue.safety.in_danger_now` recognises the
message ("they're outside banging on the door right now", "he's got a knife"),
the intent becomes `danger_now` whatever the classifier thought, so the 999
message can never be lost to a misclassification or the fallback threshold.
"""
from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.dialogue.safety import in_danger_now

DANGER = "danger_now"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class DangerNow(GraphComponent):
    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "DangerNow":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if in_danger_now(message.get(TEXT) or ""):
                message.set(INTENT, {INTENT_NAME_KEY: DANGER, PREDICTED_CONFIDENCE_KEY: 1.0}, add_to_output=True)
                ranking = [r for r in (message.get(INTENT_RANKING_KEY) or []) if r.get(INTENT_NAME_KEY) != DANGER]
                message.set(INTENT_RANKING_KEY, [{INTENT_NAME_KEY: DANGER, PREDICTED_CONFIDENCE_KEY: 1.0}] + ranking,
                            add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
