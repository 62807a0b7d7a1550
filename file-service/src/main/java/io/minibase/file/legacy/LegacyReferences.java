package io.minibase.file.legacy;

import java.util.List;

import io.minibase.common.events.ProcessedEvents;
import io.minibase.common.web.Ids;
import io.minibase.file.stored.StoredFileMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which files keep their old numeric URL (ADR 17): those catalog-service's products
 * referenced when ids became random, as its {@code catalog.LegacyImagesReferenced.v1}
 * tells. Nothing else ever sets it, so every other number stays 404.
 */
@Service
class LegacyReferences {

	static final String CONSUMER = "legacy-references";

	private final StoredFileMapper files;

	private final ProcessedEvents processed;

	private final TransactionTemplate transactions;

	LegacyReferences(StoredFileMapper files, ProcessedEvents processed, TransactionTemplate transactions) {
		this.files = files;
		this.processed = processed;
		this.transactions = transactions;
	}

	/**
	 * Keeps the old URLs of these files working; each event once. Ids that are not
	 * numbers, or numbers no file had, change nothing.
	 */
	void referenced(String eventId, List<String> fileIds) {
		this.transactions.executeWithoutResult((tx) -> {
			if (!this.processed.firstTime(CONSUMER, eventId)) {
				return;
			}
			fileIds.stream().filter(Ids::isId).forEach((id) -> this.files.markLegacyReferenced(Long.parseLong(id)));
		});
	}

}
