package io.minibase.auth;

import java.util.UUID;
import java.net.http.HttpRequest;
import io.minibase.testsupport.RunningServiceChecks;
import io.minibase.testsupport.UseLocalInfra;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@UseLocalInfra(database = "auth", redis = true, kafka = true)
class AuthApplicationIT extends RunningServiceChecks {

	@Override
	protected SqlRequest sqlRequest() {
		// an admin sign-in looks the name up, known or not
		return new SqlRequest(
				request("/api/admin/auth/login").header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers
						.ofString("{\"username\":\"nobody-" + UUID.randomUUID() + "\",\"password\":\"x\"}")),
				"AdminMapper.findByUsername");
	}

}
