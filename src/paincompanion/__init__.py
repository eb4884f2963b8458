"""Pain Companion: an offline desktop companion for people who live with chronic pain."""

__version__ = "0.1.0"
APP_NAME = "Pain Companion"
APP_ID = "io.github.paincompanion.PainCompanion"
ORG_NAME = "PainCompanion"
