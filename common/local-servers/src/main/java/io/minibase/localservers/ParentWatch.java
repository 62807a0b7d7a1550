package io.minibase.localservers;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs another main class in a child JVM and exits when the parent goes away (its end of
 * our standard input closes), so a killed test run or launcher leaves no broker behind.
 */
public final class ParentWatch {

	private ParentWatch() {
	}

	public static void main(String[] args) throws Exception {
		Thread watcher = new Thread(() -> {
			try {
				while (System.in.read() != -1) {
					// the parent never writes; we only wait for end of stream
				}
			}
			catch (IOException ex) {
				// the pipe broke: the parent is gone just the same
			}
			System.exit(0);
		}, "parent-watch");
		watcher.setDaemon(true);
		watcher.start();
		Method main = Class.forName(args[0]).getMethod("main", String[].class);
		main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
	}

}
