package io.minibase.local;

/**
 * The copy-paste tour printed once the stack is up: only routes of the public API
 * (api.md), through the gateway.
 */
final class Walkthrough {

	private Walkthrough() {
	}

	static String text(String gateway) {
		return String.join(System.lineSeparator(), "Try it (every answer carries X-Trace-Id, its trace's id):",
				"  # the categories, no login needed: 200 and a JSON array",
				"  curl -i " + gateway + "/api/catalog/categories",
				"  # an unknown route: 404 application/problem+json with status, title, instance and traceId",
				"  curl -i " + gateway + "/api/nope",
				"  # operational endpoints are never reachable through the gateway: 404 too",
				"  curl -i " + gateway + "/actuator/health",
				"  # log in through the WeChat stub: codes are mock-<user>-<anything>, each works once",
				"  TOKEN=$(curl -s -X POST " + gateway
						+ "/api/auth/wechat/login -H 'Content-Type: application/json' \\",
				"    -d '{\"code\":\"mock-alice-1\"}' | sed -n 's/.*\"accessToken\":\"\\([^\"]*\\)\".*/\\1/p')",
				"  curl -i " + gateway + "/api/users/me -H \"Authorization: Bearer $TOKEN\"",
				"  # admin login (the password is printed above): a token with role ADMIN",
				"  curl -s -X POST " + gateway
						+ "/api/admin/auth/login -H 'Content-Type: application/json' -d '{\"username\":\"admin\",\"password\":\"...\"}'",
				"  # the same code again: 401 problem+json, WeChat says it was used",
				"  curl -i -X POST " + gateway
						+ "/api/auth/wechat/login -H 'Content-Type: application/json' -d '{\"code\":\"mock-alice-1\"}'",
				"");
	}

}
