package io.minibase.file;

import io.minibase.file.stored.FileId;
import io.minibase.testsupport.RunningServiceChecks;
import io.minibase.testsupport.UseLocalInfra;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@UseLocalInfra(database = "files", redis = true, kafka = true)
class FileApplicationIT extends RunningServiceChecks {

	@Override
	protected SqlRequest sqlRequest() {
		return new SqlRequest(request("/api/files/" + FileId.random().value()).GET(), "StoredFileMapper.findById");
	}

}
