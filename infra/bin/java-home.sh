# Sourced by ./mvnw and the infra scripts: makes JAVA_HOME point at a JDK 21 or newer.
# Keeps a JAVA_HOME that is already good enough; otherwise looks in the usual install
# places and picks the newest JDK it finds. Fails with a clear message when there is none.
# shellcheck shell=sh

minibase_java_major() {
	# prints the feature version of the JDK at $1 (e.g. 21, 25), or nothing
	if [ -r "$1/release" ]; then
		sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -n 1
	elif [ -x "$1/bin/java" ]; then
		"$1/bin/java" -XshowSettings:properties -version 2>&1 |
			sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
	fi
}

minibase_find_jdk() {
	min=${MINIBASE_MIN_JAVA:-21}
	if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
		v=$(minibase_java_major "$JAVA_HOME")
		if [ -n "$v" ] && [ "$v" -ge "$min" ]; then
			echo "$JAVA_HOME"
			return 0
		fi
	fi
	best=""
	best_v=0
	onpath=""
	if command -v javac >/dev/null 2>&1; then
		onpath=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
	fi
	for d in $onpath /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* \
		"$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* "$HOME"/.local/share/jdks/* \
		/Library/Java/JavaVirtualMachines/*/Contents/Home; do
		[ -x "$d/bin/javac" ] || continue
		v=$(minibase_java_major "$d")
		[ -n "$v" ] || continue
		if [ "$v" -ge "$min" ] && [ "$v" -gt "$best_v" ]; then
			best=$d
			best_v=$v
		fi
	done
	if [ -n "$best" ]; then
		echo "$best"
		return 0
	fi
	return 1
}

if found=$(minibase_find_jdk); then
	JAVA_HOME=$found
	export JAVA_HOME
else
	echo "minibase needs a JDK ${MINIBASE_MIN_JAVA:-21} or newer (JDK 21 or 25 recommended)." >&2
	echo "Found none in JAVA_HOME, on the PATH, or under /usr/lib/jvm, /opt/java, ~/.sdkman or ~/.jdks." >&2
	echo "Install one (e.g. 'apt-get install openjdk-21-jdk' or from adoptium.net) or set JAVA_HOME." >&2
	exit 1
fi
unset found
