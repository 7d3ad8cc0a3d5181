# Sourced by ./huxley, ci/*.sh and .ci/run: points JAVA_HOME at a JDK 25 (Huxley needs Java 25).
# Order: a JAVA_HOME that already is 25, then /usr/lib/jvm/*25*, then the java on PATH.
huxley_is_jdk25() { [ -x "$1/bin/javac" ] && "$1/bin/java" -version 2>&1 | head -1 | grep -q '"25'; }
if [ -n "${JAVA_HOME:-}" ] && huxley_is_jdk25 "$JAVA_HOME"; then
  :
else
  for d in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-* /usr/lib/jvm/*25*; do
    if [ -d "$d" ] && huxley_is_jdk25 "$d"; then JAVA_HOME="$d"; break; fi
  done
  if ! { [ -n "${JAVA_HOME:-}" ] && huxley_is_jdk25 "$JAVA_HOME"; }; then
    if command -v javac >/dev/null && huxley_is_jdk25 "$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"; then
      JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
    else
      echo "huxley: a JDK 25 is required (set JAVA_HOME to it; e.g. Temurin 25)." >&2
      exit 1
    fi
  fi
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
