package io.minibase.common.events;

import java.util.List;
import java.util.Map;

import io.minibase.common.security.OperatorCredential;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The dead-letter topics of this service in the admin API, for the console's operators
 * (ADR 20), routed by the gateway as {@code /api/admin/dead-letters/<service>/**}: what
 * {@code /actuator/deadletters} tells and does, with the service's admin rule (a token
 * with role ADMIN, checked by the gateway and again here) for reading and, for a replay,
 * the operator's credential as well ({@link OperatorCredential#HEADER}): an admin's token
 * alone still replays nothing.
 */
@RestController
@RequestMapping("/api/admin/dead-letters/{service}")
class DeadLetterAdminController {

	private final DeadLetterEndpoint deadLetters;

	private final OperatorCredential operator;

	private final String service;

	DeadLetterAdminController(DeadLetterEndpoint deadLetters, OperatorCredential operator, String service) {
		this.deadLetters = deadLetters;
		this.operator = operator;
		this.service = service;
	}

	@GetMapping
	Waiting waiting(@PathVariable String service) {
		requireThisService(service);
		return new Waiting(this.service,
				this.deadLetters.waiting()
					.entrySet()
					.stream()
					.map((entry) -> new Topic(entry.getKey(), entry.getValue()))
					.toList());
	}

	@PostMapping("/{topic}/replay")
	Map<String, Object> replay(@PathVariable String service, @PathVariable String topic,
			@RequestHeader(name = OperatorCredential.HEADER, required = false) String credential) {
		requireThisService(service);
		if (!this.operator.accepts(credential)) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "A replay needs the operator's credential as well: "
					+ OperatorCredential.HEADER + ": Basic base64(operator:<OPERATOR_PASSWORD>).");
		}
		try {
			return this.deadLetters.replay(topic);
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "This service has no topic " + topic + ".");
		}
	}

	private void requireThisService(String service) {
		if (!this.service.equals(service)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such service here.");
		}
	}

	record Waiting(String service, List<Topic> topics) {

	}

	record Topic(String topic, long waiting) {

	}

}
