package io.minibase.order;

import io.minibase.testsupport.RunningServiceChecks;
import io.minibase.testsupport.UseLocalInfra;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@UseLocalInfra(database = "orders", redis = true, kafka = true)
class OrderApplicationIT extends RunningServiceChecks {

}
