// core/files.h: the exclusive commit that never replaces a file without WriteMode::kReplace,
// temporary names that fit a 255-byte target name, nothing left behind by a failed write, the
// bounded reader on regular files and devices, and the lock on an output directory.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <string>

#include "parley/core/error.h"
#include "parley/core/files.h"

using namespace parley;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("parley_files_test_" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
  [[nodiscard]] std::size_t entries() const {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(path), fs::directory_iterator()));
  }
};

}  // namespace

TEST_CASE("an exclusive commit refuses a file that is there and leaves it and the directory as they were") {
  const TempDir dir;
  const std::string path = (dir.path / "report.json").string();
  write_file_atomically(path, "first\n", WriteMode::kNoReplace);
  CHECK(read_text_file(path) == "first\n");
  CHECK_THROWS_WITH_AS(write_file_atomically(path, "second\n", WriteMode::kNoReplace),
                       doctest::Contains("is not replaced"), TargetExistsError);
  CHECK(read_text_file(path) == "first\n");
  CHECK(dir.entries() == 1);
  write_file_atomically(path, "third\n", WriteMode::kReplace);
  CHECK(read_text_file(path) == "third\n");
  CHECK(dir.entries() == 1);
}

TEST_CASE("a target name of 255 bytes gets a temporary name that fits beside it") {
  const TempDir dir;
  const std::string ascii(255, 'r');
  std::string wide;
  for (int k = 0; k < 127; ++k) wide += "\xc3\xa9";  // a cut inside a character would split it
  wide += "a";
  for (const std::string& name : {ascii, wide}) {
    const std::string path = (dir.path / name).string();
    write_file_atomically(path, "report\n", WriteMode::kNoReplace);
    CHECK(read_text_file(path) == "report\n");
    write_file_atomically(path, "again\n");
    CHECK(read_text_file(path) == "again\n");
  }
  CHECK(dir.entries() == 2);
}

TEST_CASE("a write that fails leaves no temporary file") {
  const TempDir dir;
  fs::create_directories(dir.path / "taken");
  CHECK_THROWS_WITH_AS(write_file_atomically((dir.path / "taken").string(), "x"), doctest::Contains("Is a directory"),
                       Error);
  CHECK_THROWS_AS(write_file_atomically((dir.path / "missing" / "r.json").string(), "x"), Error);
  CHECK(dir.entries() == 1);
}

TEST_CASE("the reader stops one byte past its limit whatever the file is") {
  const TempDir dir;
  const std::string path = (dir.path / "big.json").string();
  write_file_atomically(path, std::string(2048, ' '));
  const ReadLimit limit{1024, "the test's limit"};
  CHECK_THROWS_WITH_AS((void)read_text_file(path, limit),
                       doctest::Contains("must be at most 1024 bytes (it has 2048 bytes; the test's limit)"),
                       InputError);
  CHECK(read_text_file(path, {2048, "the test's limit"}).size() == 2048);
  CHECK_THROWS_WITH_AS((void)read_text_file("/dev/zero", limit),
                       doctest::Contains("must be at most 1024 bytes (it has more than 1024 bytes; the test's limit)"),
                       InputError);
  CHECK_THROWS_WITH_AS((void)read_text_file("/dev/zero"),
                       doctest::Contains("must be at most 16 MiB (it has more than 16777216 bytes; the limit is "
                                         "kMaxInputFileBytes in engine/include/parley/core/files.h"),
                       InputError);
  CHECK_THROWS_WITH_AS((void)read_text_file(dir.path.string()), doctest::Contains("Is a directory"), Error);
  CHECK_THROWS_WITH_AS((void)read_text_file((dir.path / "none").string()), doctest::Contains("No such file"), Error);
}

TEST_CASE("a directory's lock is held by one guard at a time and leaves nothing behind") {
  const TempDir dir;
  {
    auto first = DirectoryLock::try_acquire(dir.path.string());
    REQUIRE(first.has_value());
    if (!first->held()) return;  // a file system without flock(2): nothing to check
    CHECK_FALSE(DirectoryLock::try_acquire(dir.path.string()).has_value());
  }
  CHECK(DirectoryLock::try_acquire(dir.path.string()).has_value());
  CHECK(dir.entries() == 0);
  CHECK_THROWS_AS((void)DirectoryLock::try_acquire((dir.path / "none").string()), Error);
}
