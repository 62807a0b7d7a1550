package io.minibase.auth;

import io.minibase.testsupport.RunningServiceChecks;
import io.minibase.testsupport.UseLocalInfra;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@UseLocalInfra(database = "auth", redis = true, kafka = true)
class AuthApplicationIT extends RunningServiceChecks {

	@LocalServerPort
	int port;

	@Override
	protected int port() {
		return this.port;
	}

	@Override
	protected String applicationName() {
		return "auth-service";
	}

}
