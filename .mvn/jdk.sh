# shellcheck shell=sh
# JDK discovery shared by ./mvnw and ./opencmq (sourced, POSIX sh, safe under `set -euf`).
#
# opencmq needs a JDK 21 or newer, yet many machines have an older default `java` with a
# newer JDK installed beside it. opencmq_find_jdk looks, in this order, at
#   1. $JAVA_HOME, if it is 21 or newer;
#   2. `java` on the PATH, if it is 21 or newer;
#   3. the newest JDK 21+ under /usr/lib/jvm/*, /opt/java/*, /opt/jdk*, ~/.sdkman/candidates/java/*.
# On success it exports JAVA_HOME (when the JDK's home is known) and sets OPENCMQ_JAVA (the java
# binary) and OPENCMQ_JAVA_MAJOR. On failure it prints what it found and what is needed to
# stderr and returns 1.

OPENCMQ_MIN_JAVA=21

# Prints the feature version (8, 17, 21, 25, ...) of the JDK home $1, or nothing.
opencmq_jdk_major() {
  _ojm_home=$1
  [ -x "$_ojm_home/bin/java" ] || return 0
  # The release file avoids starting a JVM; `java -version` is the fallback.
  if [ -r "$_ojm_home/release" ]; then
    _ojm_v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$_ojm_home/release")
  else
    _ojm_v=$("$_ojm_home/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  case $_ojm_v in
  1.*) _ojm_v=${_ojm_v#1.} ;;
  esac
  _ojm_v=${_ojm_v%%[!0-9]*}
  printf '%s\n' "$_ojm_v"
}

# True when JDK home $1 is a full JDK (javac too, the build needs it) of version >= 21.
opencmq_jdk_ok() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  _ojo_major=$(opencmq_jdk_major "$1")
  [ -n "$_ojo_major" ] && [ "$_ojo_major" -ge "$OPENCMQ_MIN_JAVA" ]
}

opencmq_use_jdk() {
  JAVA_HOME=$1
  export JAVA_HOME
  OPENCMQ_JAVA="$1/bin/java"
  OPENCMQ_JAVA_MAJOR=$(opencmq_jdk_major "$1")
}

opencmq_find_jdk() {
  _ofj_seen=""

  if [ -n "${JAVA_HOME-}" ]; then
    if opencmq_jdk_ok "$JAVA_HOME"; then
      opencmq_use_jdk "$JAVA_HOME"
      return 0
    fi
    _ofj_seen="$_ofj_seen
  JAVA_HOME=$JAVA_HOME (version: $(opencmq_jdk_major "$JAVA_HOME" || :))"
  fi

  _ofj_path_java=$(command -v java 2>/dev/null || :)
  if [ -n "$_ofj_path_java" ]; then
    # Resolve symlinks such as /usr/bin/java -> /etc/alternatives/java -> <home>/bin/java.
    _ofj_real=$(readlink -f "$_ofj_path_java" 2>/dev/null || printf '%s' "$_ofj_path_java")
    _ofj_home=${_ofj_real%/bin/java}
    if opencmq_jdk_ok "$_ofj_home"; then
      opencmq_use_jdk "$_ofj_home"
      return 0
    fi
    _ofj_seen="$_ofj_seen
  java on PATH: $_ofj_path_java (version: $(opencmq_jdk_major "$_ofj_home" || :))"
  fi

  # Globbing may be off (mvnw runs under `set -f`); switch it on just for the scan.
  case $- in
  *f*) _ofj_noglob=1; set +f ;;
  *) _ofj_noglob=0 ;;
  esac
  _ofj_best=""
  _ofj_best_major=0
  for _ofj_dir in /usr/lib/jvm/* /opt/java/* /opt/jdk* "${HOME-}"/.sdkman/candidates/java/*; do
    [ -d "$_ofj_dir" ] && [ ! -L "$_ofj_dir" ] || continue
    _ofj_major=$(opencmq_jdk_major "$_ofj_dir")
    [ -n "$_ofj_major" ] || continue
    if opencmq_jdk_ok "$_ofj_dir" && [ "$_ofj_major" -gt "$_ofj_best_major" ]; then
      _ofj_best=$_ofj_dir
      _ofj_best_major=$_ofj_major
    else
      _ofj_seen="$_ofj_seen
  $_ofj_dir (version: $_ofj_major)"
    fi
  done
  [ "$_ofj_noglob" = 0 ] || set -f

  if [ -n "$_ofj_best" ]; then
    opencmq_use_jdk "$_ofj_best"
    return 0
  fi

  {
    echo "opencmq needs a JDK $OPENCMQ_MIN_JAVA or newer (java and javac), but found none."
    if [ -n "$_ofj_seen" ]; then
      echo "Found only:$_ofj_seen"
    else
      echo "Found no JDK at all (no JAVA_HOME, no java on PATH, nothing under /usr/lib/jvm, /opt/java, /opt/jdk*, ~/.sdkman)."
    fi
    echo "Install a JDK $OPENCMQ_MIN_JAVA+ (for example Eclipse Temurin) and set JAVA_HOME to it."
  } >&2
  return 1
}
