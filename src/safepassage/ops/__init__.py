"""Running an instance: periodic jobs and their record, doctor, health, releases, key sheets."""
