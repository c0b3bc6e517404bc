// stb-preview on bad input: exit 1 with one line saying why, and no pictures.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "dvb/notice/body_codec.h"
#include "tests/stbd/preview/preview_fixture.h"
#include "tests/support/files.h"

namespace {

using testing_support::ScratchDir;

// Runs stb-preview on the body file BODY; expects exit 1, WANT in a single
// line on stderr, and nothing written.
void expectRefused(const ScratchDir& dir, const std::string& body, const std::string& want,
                   const std::string& extra = "") {
  const auto run = preview_test::runPreview("--body " + body + " --out " + dir / "out " + extra);
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.err.find(want), std::string::npos) << run.err;
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "out/preview.json"));
}

TEST(PreviewInputTest, EmptyFile) {
  ScratchDir dir("preview_input_empty");
  testing_support::writeTextFile(dir / "empty.body", "");
  expectRefused(dir, dir / "empty.body", "empty, not a notice body");
}

TEST(PreviewInputTest, Garbage) {
  ScratchDir dir("preview_input_garbage");
  testing_support::writeTextFile(dir / "garbage.body", "this is not a notice body at all\n");
  expectRefused(dir, dir / "garbage.body", "not a notice body");
  // A real body cut short.
  std::string error;
  auto body = *dvb::notice::encodeBody(preview_test::maintenance(), &error);
  body.resize(body.size() / 2);
  testing_support::writeTextFile(dir / "cut.body", std::string(body.begin(), body.end()));
  expectRefused(dir, dir / "cut.body", "not a notice body");
}

TEST(PreviewInputTest, Oversize) {
  ScratchDir dir("preview_input_oversize");
  testing_support::writeTextFile(dir / "big.body", std::string(60001, 'x'));
  expectRefused(dir, dir / "big.body", "larger than the 60000 bytes a notice body may have");
}

TEST(PreviewInputTest, Cancellation) {
  ScratchDir dir("preview_input_cancel");
  auto notice = preview_test::maintenance();
  notice.flags |= dvb::notice::Notice::kFlagCancel;
  preview_test::writeBody(notice, dir / "cancel.body");
  expectRefused(dir, dir / "cancel.body", "a cancellation has nothing to show");
}

TEST(PreviewInputTest, MissingFileOrDirectory) {
  ScratchDir dir("preview_input_missing");
  expectRefused(dir, dir / "nothing.body", "cannot be read");
  expectRefused(dir, dir.path(), "cannot be read");
}

TEST(PreviewInputTest, TextNoBoxCanRead) {
  ScratchDir dir("preview_input_no_text");
  // Its one text in a character table no box knows (encoding_type_id 0x1F
  // with an unassigned encoding): the box's decoder refuses it, so does the preview.
  auto notice = preview_test::maintenance();
  notice.texts.resize(1);
  notice.texts[0].body.raw = {0x1F, 0x7E, 'a', 'b'};
  preview_test::writeBody(notice, dir / "bare.body");
  expectRefused(dir, dir / "bare.body", "text in a character table this box cannot read");
}

TEST(PreviewInputTest, UnsupportedSize) {
  ScratchDir dir("preview_input_size");
  preview_test::writeBody(preview_test::maintenance(), dir / "n.body");
  expectRefused(dir, dir / "n.body", "display 800x600: unsupported screen size",
                "--sizes 720x576,800x600");
  EXPECT_FALSE(std::filesystem::exists(dir / "out/zho-720x576-ahead.png"));
}

TEST(PreviewInputTest, BadOptionsExitOneWithTheReasonFirst) {
  ScratchDir dir("preview_input_options");
  for (const auto& [args, want] : std::vector<std::pair<std::string, std::string>>{
           {"--body x --out y --sizes 720", "--sizes takes WxH items"},
           {"--body x --out y --languages zh-CN", "--languages takes ISO 639-2 codes"},
           {"--body x --out y --speed 0", "--speed takes pixels per second from 10 to 2000"},
           {"--out y", "--body and --out are required"},
           {"--body x --out y --colour red", "unknown option --colour"}}) {
    const auto run = preview_test::runPreview(args);
    EXPECT_EQ(run.status, 1) << args;
    EXPECT_EQ(run.err.find("stb-preview: " + want), 0u) << run.err;
  }
}

}  // namespace
