// stb-central load bench: reports posted over HTTPS with a box's client
// certificate from C concurrent clients (libcurl multi), either on
// keep-alive connections or on a new TLS connection each (no session reuse).
// Prints reports/s and latency percentiles; optionally posts some reports a
// second time (each must come back 200 with the same ticket), and kills the
// server with SIGKILL after K answers (to check afterwards that every ticket
// it acknowledged is in the database). scripts/bench-central runs it.
#include <curl/curl.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

namespace {

struct Options {
  std::string url, ca, cert, key, box = "STB-TEST-0001", acked;
  int count = 10000, connections = 16, duplicates = 0, kill_pid = 0, kill_after = 0;
  bool fresh = false;  // a new TLS connection for each report
  unsigned seed = 1;
};

struct Client {
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  std::string body, answer;
  int index = -1;
  bool duplicate = false;
};

std::string reportId(unsigned seed, int i) {
  char id[40];
  std::snprintf(id, sizeof id, "%08x-%04x-4%03x-8%03x-%012x", seed, (i >> 16) & 0xffff,
                (i >> 4) & 0xfff, i & 0xf, static_cast<unsigned>(i));
  return id;
}

std::string reportBody(const Options& o, const std::string& id) {
  return R"({"report_id": ")" + id + R"(", "box_id": ")" + o.box +
         R"(", "smartcard_id": "8100123456", "area_code": "A01", "category": "no_picture",)"
         R"( "callback_phone": "13800138000", "visit_period": "morning",)"
         R"( "created": "2026-11-27T08:00:00Z", "diagnostics": {"snr_db": 21.5, "ber": 1e-7}})";
}

size_t onBody(char* data, size_t size, size_t n, void* userp) {
  static_cast<std::string*>(userp)->append(data, size * n);
  return size * n;
}

void prepare(const Options& o, Client& c, int index, bool duplicate) {
  const std::string id = reportId(o.seed, index);
  c.index = index;
  c.duplicate = duplicate;
  c.body = reportBody(o, id);
  c.answer.clear();
  curl_slist_free_all(c.headers);
  c.headers = curl_slist_append(nullptr, "Content-Type: application/json");
  c.headers = curl_slist_append(c.headers, ("Idempotency-Key: " + id).c_str());
  c.headers = curl_slist_append(c.headers, "Expect:");
  CURL* e = c.easy;
  curl_easy_setopt(e, CURLOPT_URL, (o.url + "/v1/reports").c_str());
  curl_easy_setopt(e, CURLOPT_CAINFO, o.ca.c_str());
  curl_easy_setopt(e, CURLOPT_SSLCERT, o.cert.c_str());
  curl_easy_setopt(e, CURLOPT_SSLKEY, o.key.c_str());
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, c.headers);
  curl_easy_setopt(e, CURLOPT_POSTFIELDS, c.body.c_str());
  curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE, static_cast<long>(c.body.size()));
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &onBody);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, &c.answer);
  curl_easy_setopt(e, CURLOPT_PRIVATE, &c);
  curl_easy_setopt(e, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(e, CURLOPT_SSL_SESSIONID_CACHE, o.fresh ? 0L : 1L);
  curl_easy_setopt(e, CURLOPT_FRESH_CONNECT, o.fresh ? 1L : 0L);
  curl_easy_setopt(e, CURLOPT_FORBID_REUSE, o.fresh ? 1L : 0L);
}

bool parse(int argc, char** argv, Options* o) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has = i + 1 < argc;
    if (a == "--new-connections")
      o->fresh = true;
    else if (!has)
      return false;
    else if (a == "--url")
      o->url = argv[++i];
    else if (a == "--ca")
      o->ca = argv[++i];
    else if (a == "--cert")
      o->cert = argv[++i];
    else if (a == "--key")
      o->key = argv[++i];
    else if (a == "--box")
      o->box = argv[++i];
    else if (a == "--acked")
      o->acked = argv[++i];
    else if (a == "--count")
      o->count = std::atoi(argv[++i]);
    else if (a == "--connections")
      o->connections = std::atoi(argv[++i]);
    else if (a == "--duplicates")
      o->duplicates = std::atoi(argv[++i]);
    else if (a == "--kill-pid")
      o->kill_pid = std::atoi(argv[++i]);
    else if (a == "--kill-after")
      o->kill_after = std::atoi(argv[++i]);
    else if (a == "--seed")
      o->seed = static_cast<unsigned>(std::strtoul(argv[++i], nullptr, 0));
    else
      return false;
  }
  return !o->url.empty() && !o->ca.empty() && !o->cert.empty() && !o->key.empty() && o->count > 0 &&
         o->connections > 0 && o->duplicates <= o->count;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parse(argc, argv, &o)) {
    std::fprintf(stderr,
                 "usage: stb-bench-central --url https://HOST:PORT --ca CA --cert CERT --key KEY\n"
                 "  [--count N] [--connections C] [--new-connections] [--duplicates D]\n"
                 "  [--kill-pid PID --kill-after K] [--acked FILE] [--seed S] [--box ID]\n");
    return 2;
  }
  curl_global_init(CURL_GLOBAL_DEFAULT);
  CURLM* multi = curl_multi_init();
  curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, static_cast<long>(o.connections));
  std::vector<Client> clients(static_cast<size_t>(o.connections));
  const int total = o.count + o.duplicates;
  int next = 0, done = 0, created = 0, repeated = 0, failed = 0;
  std::vector<double> latency_ms;
  std::FILE* acked = o.acked.empty() ? nullptr : std::fopen(o.acked.c_str(), "w");
  const auto start = std::chrono::steady_clock::now();
  const auto launch = [&](Client& c) {
    if (next >= total) return;
    // The duplicates come last: reports 0, 7, 14, ... again.
    const bool dup = next >= o.count;
    prepare(o, c, dup ? ((next - o.count) * 7) % o.count : next, dup);
    ++next;
    curl_multi_add_handle(multi, c.easy);
  };
  for (Client& c : clients) {
    c.easy = curl_easy_init();
    launch(c);
  }
  bool killed = false;
  int running = 1;
  while (done < total) {
    curl_multi_perform(multi, &running);
    int queued = 0;
    while (CURLMsg* m = curl_multi_info_read(multi, &queued)) {
      if (m->msg != CURLMSG_DONE) continue;
      Client* c = nullptr;
      curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, reinterpret_cast<char**>(&c));
      long status = 0;
      curl_off_t us = 0;
      curl_easy_getinfo(m->easy_handle, CURLINFO_RESPONSE_CODE, &status);
      curl_easy_getinfo(m->easy_handle, CURLINFO_TOTAL_TIME_T, &us);
      const CURLcode code = m->data.result;
      curl_multi_remove_handle(multi, m->easy_handle);
      ++done;
      if (code == CURLE_OK && (status == 201 || status == 200)) {
        latency_ms.push_back(static_cast<double>(us) / 1000.0);
        (status == 201 ? created : repeated)++;
        if (c->duplicate && status != 200) ++failed;
        if (acked) {
          const size_t at = c->answer.find("\"ticket\":\"");
          if (at != std::string::npos)
            std::fprintf(acked, "%s\n", c->answer.substr(at + 10, 16).c_str());
        }
      } else {
        ++failed;
      }
      if (o.kill_pid > 0 && !killed && done >= o.kill_after) {
        kill(o.kill_pid, SIGKILL);
        killed = true;
      }
      if (!killed) launch(*c);
    }
    if (killed && running == 0) break;
    curl_multi_poll(multi, nullptr, 0, 100, nullptr);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (acked) std::fclose(acked);
  std::printf(
      "%s, %d connections: %d answers in %.2f s = %.0f reports/s; latency p50 %.1f ms, p99 %.1f "
      "ms, max %.1f ms; 201: %d, 200 (repeats): %d, failed: %d%s\n",
      o.fresh ? "new TLS connection each" : "keep-alive", o.connections, created + repeated,
      seconds, static_cast<double>(created + repeated) / seconds, percentile(latency_ms, 0.5),
      percentile(latency_ms, 0.99), percentile(latency_ms, 1.0), created, repeated, failed,
      killed ? " (server killed with SIGKILL)" : "");
  for (Client& c : clients) {
    curl_slist_free_all(c.headers);
    curl_easy_cleanup(c.easy);
  }
  curl_multi_cleanup(multi);
  curl_global_cleanup();
  return failed == 0 || killed ? 0 : 1;
}
