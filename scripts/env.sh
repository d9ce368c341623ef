# Shared environment for ./pleura and scripts/test. Sourced, not run.
# Installs the JDK and Maven on a fresh Debian machine when missing.
pleura_apt_install() {
  local SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "pleura: installing Debian packages: $*" >&2
  $SUDO apt-get update -qq >&2 || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >&2
}
command -v javac >/dev/null 2>&1 || pleura_apt_install openjdk-17-jdk-headless
command -v mvn >/dev/null 2>&1 || pleura_apt_install maven

# Native memory allocator: PyTorch training is 2.5-4.5x faster with jemalloc than glibc malloc.
for lib in /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 /usr/lib/aarch64-linux-gnu/libjemalloc.so.2; do
  if [ -f "$lib" ]; then
    export LD_PRELOAD="$lib${LD_PRELOAD:+:$LD_PRELOAD}"
    export MALLOC_CONF="${MALLOC_CONF:-retain:true,dirty_decay_ms:-1,muzzy_decay_ms:-1}"
    break
  fi
done
# Deep Java Library: never download anything; the PyTorch native library comes from the jar on the class path.
export PLEURA_HOME="${PLEURA_HOME:-$HOME/.pleura}"
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$PLEURA_HOME/djl}"
export PLEURA_JAVA_OPTS="${PLEURA_JAVA_OPTS:--Xmx8g -Dai.djl.offline=true -XX:+UseParallelGC}"
