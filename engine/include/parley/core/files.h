// Reading and writing files.
//
// Output files are written whole or not at all: the content goes to a temporary file in the same
// directory, is flushed to disk, and is committed in one step (rename(2) is atomic within a file
// system). A reader never sees half a file, and a failed or interrupted write leaves any earlier
// file untouched and no temporary file behind. A file the user already has is replaced only in
// WriteMode::kReplace; in kNoReplace the commit itself is exclusive (renameat2 RENAME_NOREPLACE,
// or link(2) where the file system lacks it), so a file that appeared while the content was being
// made, even one a concurrent writer committed a moment before, is never replaced.
//
// Input files are read through one bounded reader: no file, regular or not (/dev/zero, a pipe),
// is read past its limit, so a hostile path cannot exhaust memory.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "parley/core/error.h"

namespace parley {

enum class WriteMode {
  kReplace,    // replace a file at the path (rename(2)); what --force asks for
  kNoReplace,  // fail with TargetExistsError if the path names anything when the file is committed
};

// Thrown by write_file_atomically in WriteMode::kNoReplace when the path already names a file.
class TargetExistsError : public Error {
 public:
  explicit TargetExistsError(const std::string& path);
  [[nodiscard]] const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
};

// Throws parley::Error naming the path and the system's reason on failure.
void write_file_atomically(const std::string& path, const std::string& content, WriteMode mode = WriteMode::kReplace);

// The most read_text_file reads of any input file unless its caller names another limit.
inline constexpr std::size_t kMaxInputFileBytes = 16U * 1024U * 1024U;

// How much a reader accepts, and the note an error adds after the size ("the limit is ..., raise
// it there"), so that the message says where the limit lives and what to do about it.
struct ReadLimit {
  std::size_t bytes = kMaxInputFileBytes;
  std::string note =
      "the limit is kMaxInputFileBytes in engine/include/parley/core/files.h; raise it there and rebuild";
};

// Reads a whole file. Throws parley::Error (not found, a directory, unreadable) naming the path,
// and InputError ("At / - must be at most ...") once the file holds more than limit.bytes, which
// is found by reading at most limit.bytes + 1 bytes whatever kind of file the path names.
[[nodiscard]] std::string read_text_file(const std::string& path, const ReadLimit& limit = {});

// An exclusive advisory lock (flock(2)) on a directory, held while the object lives, so that two
// processes never write into one output directory at once. Leaves no file behind.
class DirectoryLock {
 public:
  // The lock, or nothing when another process holds it. Throws Error when the directory cannot
  // be opened. A file system without flock(2) support (some network mounts) gives a guard that
  // is not held() rather than refusing every use of the directory; the caller may say so.
  [[nodiscard]] static std::optional<DirectoryLock> try_acquire(const std::string& directory);
  [[nodiscard]] bool held() const noexcept { return fd_ >= 0; }

  DirectoryLock(DirectoryLock&& other) noexcept;
  DirectoryLock& operator=(DirectoryLock&&) = delete;
  DirectoryLock(const DirectoryLock&) = delete;
  DirectoryLock& operator=(const DirectoryLock&) = delete;
  ~DirectoryLock();

 private:
  explicit DirectoryLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace parley
