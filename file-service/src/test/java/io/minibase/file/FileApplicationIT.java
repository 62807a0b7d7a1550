package io.minibase.file;

import io.minibase.testsupport.RunningServiceChecks;
import io.minibase.testsupport.UseLocalInfra;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@UseLocalInfra(database = "files")
class FileApplicationIT extends RunningServiceChecks {

	@LocalServerPort
	int port;

	@Override
	protected int port() {
		return this.port;
	}

	@Override
	protected String applicationName() {
		return "file-service";
	}

}
