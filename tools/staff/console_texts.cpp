#include "tools/staff/console_texts.h"

namespace tools::staff {
namespace {

const ConsoleText kShared[] = {
    {"logout", "退出", "Salir", "Log out"},
    {"login.title", "员工登录", "Acceso del personal", "Staff login"},
    {"login.login", "账号", "Usuario", "Login"},
    {"login.password", "密码", "Contraseña", "Password"},
    {"login.submit", "登录", "Entrar", "Log in"},
    {"login.failed", "账号或密码不正确。", "Usuario o contraseña incorrectos.",
     "Wrong login or password."},
    {"login.throttled", "失败次数过多，请15分钟后再试。",
     "Demasiados intentos fallidos; vuelva a intentarlo en 15 minutos.",
     "Too many failed attempts; try again in 15 minutes."},
    {"login.expired", "会话已过期，请重新登录。", "La sesión ha caducado; entre de nuevo.",
     "Your session has expired; please log in again."},
    {"login.logged_out", "已退出。", "Ha salido.", "Logged out."},
    {"csrf.failed", "表单已失效，请重新打开页面再提交。",
     "El formulario ha caducado; abra la página de nuevo y reenvíelo.",
     "The form has expired; open the page again and resend it."},
    {"forbidden", "您的角色无权执行此操作。", "Su función no permite esta acción.",
     "Your role does not allow this."},
    {"not_found", "未找到。", "No encontrado.", "Not found."},
    {"bad_request", "请求无效。", "Solicitud no válida.", "Bad request."},
    {"store_failed", "数据库出错，请稍后再试。", "Error de la base de datos; inténtelo más tarde.",
     "The database failed; try again later."},
};

void add(web::Catalogue* c, const ConsoleText& e) {
  c->add("zho", e.key, e.zho);
  c->add("spa", e.key, e.spa);
  c->add("eng", e.key, e.eng);
}

}  // namespace

web::Catalogue makeConsoleCatalogue(const ConsoleText* texts, size_t count) {
  web::Catalogue c({{"zho", "zh", "中文"}, {"spa", "es", "Español"}, {"eng", "en", "English"}});
  for (const ConsoleText& e : kShared) add(&c, e);
  for (size_t i = 0; i < count; ++i) add(&c, texts[i]);
  return c;
}

}  // namespace tools::staff
