"""The HIM skills taxonomy shipped with skills-matcher: YAML files only, read by ``matcher.taxonomy``."""
