package io.minibase.local;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.minibase.localservers.Kafka;
import io.minibase.localservers.MariaDb;
import io.minibase.localservers.Origin;
import io.minibase.localservers.Redis;

/**
 * What the launcher tells the developer: where each backing server came from, why the
 * stack did not start, and, once it is up, where everything is and how to sign in.
 */
final class StackSummary {

	private final StackSettings settings;

	private final PrintStream out;

	StackSummary(StackSettings settings, PrintStream out) {
		this.settings = settings;
		this.out = out;
	}

	/** What a killed launcher had left running and this one stopped. */
	void leftovers(List<String> stopped) {
		if (!stopped.isEmpty()) {
			this.out.println("  stopped what a killed launcher left behind: " + String.join(", ", stopped));
		}
	}

	void starting(StackPlan.Plan plan) {
		this.out.println("  starting " + String.join(", ", plan.serviceInstances())
				+ (this.settings.oneJvm() ? ", " + LocalStack.GATEWAY + " (in one JVM" : " (in parallel")
				+ "; on a small machine this takes a minute or two) ...");
	}

	void mariaDb(MariaDb db) {
		this.out.printf("  %-12s %s:%d  %s%n", "MariaDB", db.host(), db.port(),
				origin(db.origin(), "DB_HOST", "mariadb"));
	}

	void redis(Redis redis) {
		this.out.printf("  %-12s %s:%d  %s%n", "Redis", redis.host(), redis.port(),
				origin(redis.origin(), "REDIS_HOST", "redis"));
	}

	void kafka(Kafka kafka) {
		this.out.printf("  %-12s %s  %s%n", "Kafka", kafka.bootstrapServers(),
				origin(kafka.origin(), "KAFKA_BOOTSTRAP_SERVERS", "kafka"));
	}

	/** Why the stack did not start: the reason, then each cause. */
	void didNotStart(RuntimeException ex) {
		this.out.println();
		this.out.println("minibase did not start: " + describe(ex));
	}

	/** Where everything is, the sign-ins, and a tour to try. */
	void welcome(String gateway, Optional<Nginx> nginx, String payStub, KeptSecrets secrets) {
		Map<String, String> lines = new LinkedHashMap<>();
		lines.put("Console", gateway + "/admin/  (the shop's staff console: sign in as the admin below)");
		lines.put("Gateway", gateway);
		lines.put("Swagger UI", gateway + "/swagger-ui.html");
		nginx.ifPresent((https) -> lines.put("HTTPS",
				https.url() + " (nginx, self-signed certificate " + https.certificate() + "; curl --cacert it)"));
		lines.put("WeChat Pay", payStub + "  (the stub: POST /stub/pay {\"prepayId\"} pays an order,"
				+ " as the buyer would in wx.requestPayment)");
		lines.put("Admin",
				"admin / " + secrets.adminPassword()
						+ "  (the console's sign-in, or POST /api/admin/auth/login; the password of the first admin,"
						+ " kept in " + secrets.file("admin-password") + ")");
		lines.put("Operator",
				"operator / " + secrets.operatorPassword()
						+ "  (HTTP Basic for the services' dead-letter replay, POST /actuator/deadletters/{topic},"
						+ " and for a replay in the console's dead-letter page;" + " kept in "
						+ secrets.file("operator-password") + ")");
		List<String> apps = new ArrayList<>(LocalStack.SERVICES);
		apps.add(LocalStack.GATEWAY);
		lines.put("Logs",
				this.settings.oneJvm()
						? this.settings.logDir() + "/" + OneJvm.NAME + ".log (" + String.join(", ", apps)
								+ " in one JVM), wechat-stub.log, wechat-pay-stub.log"
						: this.settings.logDir() + "/<name>.log (" + String.join(", ", apps)
								+ ", wechat-stub, wechat-pay-stub)");
		boolean developers = this.settings.home().equals(this.settings.repoRoot().resolve(".minibase"));
		lines.put("Stop", developers ? "Ctrl-C here, or infra/local/stop from another terminal" : "Ctrl-C here");
		StringBuilder text = new StringBuilder(System.lineSeparator()).append("minibase is up.")
			.append(System.lineSeparator());
		lines.forEach((label, value) -> text.append(String.format("  %-11s %s%n", label, value)));
		text.append(System.lineSeparator()).append(Walkthrough.text(gateway));
		this.out.println(text);
	}

	private String origin(Origin origin, String variable, String folder) {
		return switch (origin) {
			case ENVIRONMENT -> "(named by " + variable + ")";
			case STANDARD_PORT -> "(found running on its standard port)";
			case EMBEDDED -> "(started embedded; data and logs in " + this.settings.dataDir().resolve(folder) + ")";
		};
	}

	private static String describe(RuntimeException ex) {
		if (ex instanceof StackDidNotStart) {
			return ex.getMessage();
		}
		StringBuilder message = new StringBuilder(String.valueOf(ex.getMessage()));
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			message.append(System.lineSeparator()).append("  caused by: ").append(cause);
		}
		return message.toString();
	}

}
