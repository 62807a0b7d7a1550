package io.minibase.common.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest
@Import(ProblemDetailsTest.Things.class)
class ProblemDetailsTest {

	private static final String TRACE_ID = "[0-9a-f]{32}";

	@Autowired
	MockMvc mvc;

	@Test
	void invalidFieldsAre400WithOneErrorPerField() throws Exception {
		this.mvc
			.perform(post("/things").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\" \",\"count\":0}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(jsonPath("$.instance").value("/things"))
			.andExpect(jsonPath("$.traceId").value(matchesPattern(TRACE_ID)))
			.andExpect(jsonPath("$.errors", hasSize(2)))
			.andExpect(jsonPath("$.errors[?(@.field == 'name')].message").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'count')].message").exists());
	}

	@Test
	void unreadableJsonIs400Problem() throws Exception {
		this.mvc.perform(post("/things").contentType(MediaType.APPLICATION_JSON).content("{not json"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void unknownPathIs404Problem() throws Exception {
		this.mvc.perform(get("/nothing/here"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("about:blank"))
			.andExpect(jsonPath("$.title").value("Not Found"))
			.andExpect(jsonPath("$.instance").value("/nothing/here"))
			.andExpect(header().string(TraceIds.HEADER, matchesPattern(TRACE_ID)));
	}

	@Test
	void wrongMethodIs405Problem() throws Exception {
		this.mvc.perform(delete("/things"))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().exists("Allow"));
	}

	@Test
	void unsupportedMediaTypeIs415Problem() throws Exception {
		this.mvc.perform(post("/things").contentType(MediaType.TEXT_PLAIN).content("name=x"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void anUploadOverTheLimitIs413Problem() throws Exception {
		this.mvc.perform(post("/things/upload"))
			.andExpect(status().isPayloadTooLarge())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(413))
			.andExpect(jsonPath("$.instance").value("/things/upload"));
	}

	@Test
	void aServiceExceptionKeepsItsStatusAndDetail() throws Exception {
		this.mvc.perform(get("/things/42"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value("Thing 42 does not exist."))
			.andExpect(jsonPath("$.traceId").value(matchesPattern(TRACE_ID)));
	}

	@Test
	void anUnexpectedFailureIs500WithoutInternals() throws Exception {
		this.mvc.perform(get("/things/boom"))
			.andExpect(status().isInternalServerError())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(not(containsString("jdbc"))))
			.andExpect(content().string(not(containsString("IllegalStateException"))))
			.andExpect(content().string(not(containsString("db-primary.internal"))))
			.andExpect(jsonPath("$.traceId").value(matchesPattern(TRACE_ID)));
	}

	@Test
	void noDatabaseConnectionIs503WithRetryAfter() throws Exception {
		this.mvc.perform(get("/things/no-connection"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "1"))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(containsString("try again")))
			.andExpect(content().string(not(containsString("db-primary.internal"))))
			.andExpect(jsonPath("$.traceId").value(matchesPattern(TRACE_ID)));
	}

	@SpringBootApplication
	static class App {

	}

	@RestController
	static class Things {

		record NewThing(@NotBlank String name, @Min(1) int count) {
		}

		@PostMapping("/things")
		NewThing create(@Valid @RequestBody NewThing thing) {
			return thing;
		}

		@PostMapping("/things/upload")
		String upload() {
			// what the multipart resolver raises for a file over
			// spring.servlet.multipart.max-file-size
			throw new MaxUploadSizeExceededException(10 * 1024 * 1024);
		}

		@GetMapping("/things/boom")
		String boom() {
			throw new IllegalStateException("jdbc:mariadb://db-primary.internal:3306 refused");
		}

		@GetMapping("/things/no-connection")
		String noConnection() {
			// what a transaction manager raises when Hikari has no connection in time
			throw new IllegalStateException("Could not open JDBC Connection for transaction",
					new java.sql.SQLTransientConnectionException(
							"HikariPool-1 - Connection is not available, request timed out after 3000ms (db-primary.internal)"));
		}

		@GetMapping("/things/{id}")
		String thing(@PathVariable String id) {
			throw new ThingNotFound(id);
		}

	}

	static class ThingNotFound extends ErrorResponseException {

		ThingNotFound(String id) {
			super(HttpStatus.NOT_FOUND);
			getBody().setDetail("Thing " + id + " does not exist.");
		}

	}

}
