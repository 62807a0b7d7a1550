package io.minibase.auth;

import io.minibase.testsupport.RunningServiceChecks;
import io.minibase.testsupport.UseLocalInfra;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@UseLocalInfra(database = "auth", redis = true, kafka = true)
class AuthApplicationIT extends RunningServiceChecks {

}
