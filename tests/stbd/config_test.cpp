// stbd's config file: defaults, every section, and errors that name the line.
#include "stbd/config.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>

namespace stbd {
namespace {

const char kMinimal[] =
    "[box]\n"
    "area_code = 360102\n"
    "[keys]\n"
    "signing = /etc/stbd/keys/operator.pub.pem\n";

TEST(Config, MinimalFileGetsDefaults) {
  std::vector<std::string> errors;
  auto c = parseConfig(kMinimal, "stbd.conf", &errors);
  ASSERT_TRUE(c) << (errors.empty() ? "" : errors[0]);
  EXPECT_EQ(c->box.area_code, "360102");
  EXPECT_EQ(c->signing_keys.size(), 1u);
  EXPECT_EQ(c->width, 1280);
  EXPECT_EQ(c->height, 720);
  EXPECT_EQ(c->country, "CHN");
  EXPECT_EQ(c->utc_offset_minutes, 480);
  EXPECT_EQ(c->fee_reminder_days, (std::vector<int>{7, 3, 1, 0}));
  EXPECT_EQ(c->state_dir, "/var/lib/stbd");
  EXPECT_FALSE(c->notice_pid);
}

TEST(Config, EverySectionParses) {
  const std::string text = std::string(kMinimal) +
                           "# a comment\n"
                           "; another\n"
                           "[box]\n"
                           "node = 17\n"
                           "box_id = STB-0001\n"
                           "smartcard_id = 8610012345678\n"
                           "country = ESP\n"
                           "region = 2\n"
                           "utc_offset_minutes = 60\n"
                           "[keys]\n"
                           "root = root.pub.pem\n"
                           "[display]\n"
                           "size = 1920x1080\n"
                           "font = /tmp/f.ttf\n"
                           "system = x11\n"
                           "crawl_pixels_per_second = 90\n"
                           "[languages]\n"
                           "preferred = spa, zho ,eng\n"
                           "[schedule]\n"
                           "far_interval_minutes = 120\n"
                           "final_minutes = 10\n"
                           "[fee]\n"
                           "reminder_days = 5, 1\n"
                           "grace_days = 3\n"
                           "how_to_pay.spa = Pague en la oficina\n"
                           "[state]\n"
                           "dir = /tmp/state\n"
                           "[stream]\n"
                           "notice_pid = 0x1F00\n"
                           "[central]\n"
                           "url = https://127.0.0.1:8443\n"
                           "client_cert = box.pem\n"
                           "client_key = box.key\n"
                           "ca = ca.pem\n"
                           "outbox_max = 20\n"
                           "[log]\n"
                           "level = debug\n"
                           "target = syslog\n";
  std::vector<std::string> errors;
  auto c = parseConfig(text, "x", &errors);
  ASSERT_TRUE(c) << (errors.empty() ? "" : errors[0]);
  EXPECT_EQ(c->box.node, 17u);
  EXPECT_EQ(c->box.box_id, "STB-0001");
  EXPECT_EQ(c->box.smartcard_id, "8610012345678");
  EXPECT_EQ(c->country, "ESP");
  EXPECT_EQ(c->region, 2);
  EXPECT_EQ(c->utc_offset_minutes, 60);
  EXPECT_EQ(c->root_keys, (std::vector<std::string>{"root.pub.pem"}));
  EXPECT_EQ(c->width, 1920);
  EXPECT_EQ(c->height, 1080);
  EXPECT_EQ(c->font, "/tmp/f.ttf");
  EXPECT_EQ(c->system, "x11");
  EXPECT_EQ(c->crawl_pixels_per_second, 90);
  EXPECT_EQ(c->languages, (std::vector<std::string>{"spa", "zho", "eng"}));
  EXPECT_EQ(c->far_interval_minutes, 120);
  EXPECT_EQ(c->final_minutes, 10);
  EXPECT_EQ(c->fee_reminder_days, (std::vector<int>{5, 1}));
  EXPECT_EQ(c->fee_grace_days, 3);
  EXPECT_EQ(c->fee_how_to_pay.at("spa"), "Pague en la oficina");
  EXPECT_EQ(c->state_dir, "/tmp/state");
  EXPECT_EQ(c->notice_pid, 0x1F00);
  EXPECT_EQ(c->central_url, "https://127.0.0.1:8443");
  EXPECT_EQ(c->client_cert, "box.pem");
  EXPECT_EQ(c->client_key, "box.key");
  EXPECT_EQ(c->central_ca, "ca.pem");
  EXPECT_EQ(c->outbox_max, 20);
  EXPECT_EQ(c->log_level, "debug");
  EXPECT_EQ(c->log_target, "syslog");
}

TEST(Config, ErrorsNameTheLine) {
  const std::string text =
      "[box]\n"
      "area_code = 3601\n"  // 2: not 6 digits
      "colour = red\n"      // 3: unknown
      "[display]\n"
      "size = 800x600\n"  // 5: unsupported
      "[stream]\n"
      "notice_pid = 0x2000\n"      // 7: out of range
      "this line has no equals\n"  // 8
      "[log\n";                    // 9
  std::vector<std::string> errors;
  EXPECT_FALSE(parseConfig(text, "stbd.conf", &errors));
  ASSERT_GE(errors.size(), 6u);
  EXPECT_NE(errors[0].find("stbd.conf:2: area_code"), std::string::npos) << errors[0];
  EXPECT_NE(errors[1].find("stbd.conf:3: unknown key 'colour' in [box]"), std::string::npos);
  EXPECT_NE(errors[2].find("stbd.conf:5: size"), std::string::npos) << errors[2];
  EXPECT_NE(errors[3].find("stbd.conf:7: notice_pid"), std::string::npos) << errors[3];
  EXPECT_NE(errors[4].find("stbd.conf:8: expected 'key = value'"), std::string::npos);
  EXPECT_NE(errors[5].find("stbd.conf:9:"), std::string::npos);
}

TEST(Config, InputSection) {
  std::vector<std::string> errors;
  auto c = parseConfig(kMinimal, "stbd.conf", &errors);
  ASSERT_TRUE(c);
  // Without [input]: DirectFB's keys only, through the compiled-in keymaps.
  EXPECT_TRUE(c->evdev.empty());
  EXPECT_TRUE(c->evdev_grab);
  EXPECT_TRUE(c->lirc.empty());
  EXPECT_TRUE(c->keymap.empty());
  EXPECT_TRUE(c->directfb_keys);
  EXPECT_TRUE(c->directfb_keymap.empty());

  c = parseConfig(std::string(kMinimal) +
                      "[input]\n"
                      "evdev = /dev/input/event0\n"
                      "evdev = /dev/input/by-id/usb-remote-event-ir\n"
                      "evdev_grab = no\n"
                      "lirc = /var/run/lirc/lircd\n"
                      "keymap = /etc/stbd/remote.keymap\n"
                      "directfb = off\n"
                      "directfb_keymap = /etc/stbd/directfb.keymap\n",
                  "stbd.conf", &errors);
  ASSERT_TRUE(c) << (errors.empty() ? "" : errors[0]);
  EXPECT_EQ(c->evdev, (std::vector<std::string>{"/dev/input/event0",
                                                "/dev/input/by-id/usb-remote-event-ir"}));
  EXPECT_FALSE(c->evdev_grab);
  EXPECT_EQ(c->lirc, "/var/run/lirc/lircd");
  EXPECT_EQ(c->keymap, "/etc/stbd/remote.keymap");
  EXPECT_FALSE(c->directfb_keys);
  EXPECT_EQ(c->directfb_keymap, "/etc/stbd/directfb.keymap");

  errors.clear();
  const std::string bad = std::string(kMinimal) +
                          "[input]\n"         // 5
                          "evdev = event0\n"  // 6: not absolute
                          "evdev_grab = 2\n"  // 7: not yes or no
                          "lirc =\n"          // 8: empty
                          "remote = lirc\n";  // 9: unknown
  EXPECT_FALSE(parseConfig(bad, "stbd.conf", &errors));
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_EQ(errors[0], "stbd.conf:6: evdev: 'event0' is not an absolute path");
  EXPECT_EQ(errors[1], "stbd.conf:7: evdev_grab: '2' is not yes or no");
  EXPECT_EQ(errors[2], "stbd.conf:8: lirc: '' is not an absolute path");
  EXPECT_EQ(errors[3], "stbd.conf:9: unknown key 'remote' in [input]");
}

TEST(Config, AreaAndKeysAreRequired) {
  std::vector<std::string> errors;
  EXPECT_FALSE(parseConfig("", "empty.conf", &errors));
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_NE(errors[0].find("area_code is required"), std::string::npos);
  EXPECT_NE(errors[1].find("at least one root or signing key"), std::string::npos);
}

TEST(Config, AByteOrderMarkIsSkipped) {
  std::vector<std::string> errors;
  auto c = parseConfig("\xEF\xBB\xBF" + std::string(kMinimal), "bom.conf", &errors);
  ASSERT_TRUE(c) << errors.front();
  EXPECT_EQ(c->box.area_code, "360102");
}

TEST(Config, BinaryIsNamedNotEchoed) {
  std::vector<std::string> errors;
  const char raw[] =
      "\x7F"
      "ELF\x02\x01\x01\0\0\0\n\xFF\xFE = \x01\n";
  const std::string elf(raw, sizeof raw - 1);
  EXPECT_FALSE(parseConfig(std::string(kMinimal) + elf, "stbd", &errors));
  const int line = 1 + static_cast<int>(std::count(kMinimal, kMinimal + strlen(kMinimal), '\n'));
  EXPECT_EQ(errors,
            std::vector<std::string>{"stbd:" + std::to_string(line) + ": not text (byte 0x7F)"});
  // Broken UTF-8 is not text either; good UTF-8 is.
  errors.clear();
  EXPECT_FALSE(
      parseConfig(std::string(kMinimal) + "[fee]\nhow_to_pay.eng = \xC3(\n", "c", &errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find(": not text (byte 0xC3)"), std::string::npos) << errors[0];
  // Nor is a UTF-16 surrogate written as UTF-8.
  errors.clear();
  EXPECT_FALSE(
      parseConfig(std::string(kMinimal) + "[fee]\nhow_to_pay.eng = \xED\xA0\x80\n", "c", &errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find(": not text (byte 0xED)"), std::string::npos) << errors[0];
  errors.clear();
  EXPECT_TRUE(
      parseConfig(std::string(kMinimal) + "[fee]\nhow_to_pay.zho = 营业厅缴费\n", "c", &errors));
}

// A key set twice, in one section or in a section opened again, would keep
// its last value without a word.
TEST(Config, ARepeatedKeyIsAnError) {
  std::vector<std::string> errors;
  const std::string text = std::string(kMinimal) +
                           "[display]\n"
                           "size = 720x576\n"
                           "size = 1920x1080\n"
                           "[fee]\n"
                           "how_to_pay.eng = at the counter\n"
                           "how_to_pay.eng = online\n"
                           "[display]\n"
                           "size = 720x576\n";
  const int first = 1 + static_cast<int>(std::count(kMinimal, kMinimal + strlen(kMinimal), '\n'));
  EXPECT_FALSE(parseConfig(text, "s.conf", &errors));
  auto at = [&](int offset) { return "s.conf:" + std::to_string(first + offset) + ": "; };
  EXPECT_EQ(
      errors,
      (std::vector<std::string>{
          at(2) + "size in [display] is already set at line " + std::to_string(first + 1),
          at(5) + "how_to_pay.eng in [fee] is already set at line " + std::to_string(first + 4),
          at(7) + "size in [display] is already set at line " + std::to_string(first + 1),
      }));
  // Keys that add to a list may be given again.
  errors.clear();
  auto c = parseConfig(std::string(kMinimal) +
                           "[input]\nevdev = /dev/input/event0\n"
                           "evdev = /dev/input/event1\n",
                       "s.conf", &errors);
  ASSERT_TRUE(c) << errors.front();
  EXPECT_EQ(c->evdev.size(), 2u);
}

TEST(Config, ViewingHours) {
  std::vector<std::string> errors;
  auto c = parseConfig(kMinimal, "stbd.conf", &errors);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->viewing_hours, (stb::ViewingHours{7 * 60, 23 * 60}));  // the default
  c = parseConfig(std::string(kMinimal) + "[schedule]\nviewing_hours = 18:00-02:00\n", "stbd.conf",
                  &errors);
  ASSERT_TRUE(c) << (errors.empty() ? "" : errors[0]);
  EXPECT_EQ(c->viewing_hours, (stb::ViewingHours{18 * 60, 2 * 60}));
  EXPECT_FALSE(parseConfig(std::string(kMinimal) + "[schedule]\nviewing_hours = 7-23\n",
                           "stbd.conf", &errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("stbd.conf:6:"), std::string::npos) << errors[0];
  EXPECT_NE(errors[0].find("HH:MM-HH:MM"), std::string::npos) << errors[0];
}

TEST(Config, ShippedExampleParses) {
  const std::string path = std::string(STB_SOURCE_DIR) + "/packaging/stbd.conf";
  std::ifstream in(path);
  ASSERT_TRUE(in) << "missing " << path;
  std::stringstream text;
  text << in.rdbuf();
  std::vector<std::string> errors;
  auto c = parseConfig(text.str(), path, &errors);
  ASSERT_TRUE(c) << errors.front();
  EXPECT_EQ(c->system, "fbdev");
  EXPECT_EQ(c->log_target, "syslog");
  EXPECT_EQ(c->root_keys.size(), 1u);
  // The example's remote: lircd through the keymap the package installs,
  // and not DirectFB's key events too (they would repeat the same keys).
  EXPECT_EQ(c->lirc, "/var/run/lirc/lircd");
  EXPECT_EQ(c->keymap, "/usr/share/stb/default.keymap");
  EXPECT_TRUE(c->evdev.empty());
  EXPECT_FALSE(c->directfb_keys);
  EXPECT_EQ(c->viewing_hours, stb::ViewingHours{});
}

}  // namespace
}  // namespace stbd
