package io.minibase.file.ownership;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.minibase.file.stored.FileId;
import io.minibase.file.stored.StoredFileMapper;

import org.springframework.stereotype.Service;

/**
 * Whose files these are, for other services that take file ids from a user (after-sale
 * photos in order-service): of the ids given, those this user uploaded and that may still
 * be seen (a file the media check rejected is gone, even to the shop).
 */
@Service
class FileOwnership {

	private final StoredFileMapper files;

	FileOwnership(StoredFileMapper files) {
		this.files = files;
	}

	/**
	 * The ids of {@code ids} that {@code ownerId} uploaded, in the order given, each
	 * once; ids that are not file ids are nobody's.
	 */
	List<String> ownedBy(long ownerId, List<String> ids) {
		List<FileId> wellFormed = ids.stream().distinct().flatMap((id) -> FileId.parse(id).stream()).toList();
		if (wellFormed.isEmpty()) {
			return List.of();
		}
		Set<FileId> owned = Set.copyOf(this.files.findOwned(ownerId, wellFormed));
		return wellFormed.stream().filter(owned::contains).map(FileId::value).collect(Collectors.toList());
	}

}
