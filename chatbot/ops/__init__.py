"""Operations: health, metrics, logs and the scheduler."""
