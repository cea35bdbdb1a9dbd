"""Reading an input: memory follows the file's size, never the --max-bytes limit (issue 22.6)."""
import tracemalloc

from pipeline.io import ingest


def test_a_huge_limit_reads_a_small_file_without_reserving_the_limit(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"Talks in Quito\n\nThe ministers met on 3 May 2021.\n")
    tracemalloc.start()
    data, rejected = ingest.read_input(tmp_path, tmp_path / "a.txt", max_bytes=100 * 1024 ** 3)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert rejected is None and data.startswith(b"Talks in Quito")
    assert peak < 4 * ingest.READ_CHUNK  # not 100 GB, not a MemoryError


def test_a_file_over_the_limit_is_refused_and_one_at_the_limit_is_read(tmp_path):
    body = b"x" * (3 * ingest.READ_CHUNK + 5)
    (tmp_path / "big.txt").write_bytes(body)
    data, rejected = ingest.read_input(tmp_path, tmp_path / "big.txt", max_bytes=len(body) - 1)
    assert data is None and rejected.reason == "too_large"
    data, rejected = ingest.read_input(tmp_path, tmp_path / "big.txt", max_bytes=len(body))
    assert rejected is None and data == body


def test_the_bounded_reader_stops_past_the_limit_of_a_growing_file(tmp_path):
    path = tmp_path / "grows.txt"
    path.write_bytes(b"y" * (2 * ingest.READ_CHUNK))
    # the size check passed at a smaller size; the reader itself must not read more than limit + 1
    data = ingest._read_bounded(path, ingest.READ_CHUNK)
    assert len(data) == ingest.READ_CHUNK + 1
