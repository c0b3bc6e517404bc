#include "stbd/preview/preview_run.h"

#include <filesystem>
#include <fstream>
#include <memory>

#include "overlay/display.h"
#include "stbd/preview/notice_body.h"
#include "stbd/preview/preview_crawl.h"
#include "stbd/preview/preview_json.h"
#include "stbd/preview/preview_picture.h"

namespace stbd::preview {
namespace {

std::string sizeName(const ScreenSize& size) {
  return std::to_string(size.width) + "x" + std::to_string(size.height);
}

// Every size's display, opened before anything is drawn, so that a size
// the overlay refuses fails the run before it has written a picture.
bool openDisplays(const std::vector<ScreenSize>& sizes,
                  std::vector<std::unique_ptr<overlay::Display>>* displays, std::string* error) {
  for (const ScreenSize& size : sizes) {
    overlay::DisplayOptions options;
    options.width = size.width;
    options.height = size.height;
    std::string why;
    displays->push_back(overlay::Display::open(options, &why));
    if (!displays->back()) {
      *error = "display " + sizeName(size) + ": " + why;
      return false;
    }
  }
  return true;
}

// One language on one screen: both moments' pictures and the crossing times.
bool previewScreen(const dvb::notice::Notice& notice, const std::string& language,
                   overlay::Display& display, const PreviewOptions& options,
                   std::vector<PreviewImage>* images, PreviewCrossing* crossing,
                   std::string* error) {
  const ScreenSize size{display.width(), display.height()};
  const std::string text_language = shownTextLanguage(notice, language);
  *crossing = PreviewCrossing{language, size.width, size.height, 0, 0, text_language};
  for (const PreviewMoment& moment : previewMoments(notice)) {
    const std::optional<stb::CrawlRequest> request = crawlAt(notice, language, moment.utc);
    if (!request) {
      *error = "a box in " + language + " shows nothing at " + dvb::formatIso8601(moment.utc) +
               " (the notice has no text a box can show)";
      return false;
    }
    const std::string file = language + "-" + sizeName(size) + "-" + moment.state + ".png";
    PictureFacts facts;
    if (!drawPreview(display, *request, options.pixels_per_second, options.out_dir + "/" + file,
                     &facts, error))
      return false;
    images->push_back({file, language, size.width, size.height, moment.state, text_language});
    (std::string(moment.state) == "live" ? crossing->live_ms : crossing->ahead_ms) =
        facts.crossing_ms;
  }
  return true;
}

bool writeText(const std::string& path, const std::string& text, std::string* error) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (out) return true;
  *error = path + ": cannot be written";
  return false;
}

}  // namespace

bool runPreview(const PreviewOptions& options, std::string* error) {
  const std::optional<dvb::notice::Notice> notice = readNoticeBody(options.body_path, error);
  if (!notice) return false;
  std::error_code ec;
  std::filesystem::create_directories(options.out_dir, ec);
  if (!std::filesystem::is_directory(options.out_dir)) {
    *error = options.out_dir + ": not a directory that can be made";
    return false;
  }
  std::vector<std::unique_ptr<overlay::Display>> displays;
  if (!openDisplays(options.sizes, &displays, error)) return false;
  std::vector<PreviewImage> images;
  std::vector<PreviewCrossing> crossings;
  for (const std::string& language : options.languages) {
    for (const auto& display : displays) {
      crossings.emplace_back();
      if (!previewScreen(*notice, language, *display, options, &images, &crossings.back(), error))
        return false;
    }
  }
  return writeText(options.out_dir + "/preview.json", previewJson(images, crossings), error);
}

}  // namespace stbd::preview
