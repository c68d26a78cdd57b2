"""The questions SkillGraph answers: store reads in, pure domain functions, plain results out."""
