#include "tools/stb-central/console/console_text.h"

namespace tools::central {
namespace {

struct Entry {
  const char* key;
  const char* zho;
  const char* spa;
  const char* eng;
};

// Statuses, charter categories, roles and event kinds use their stored names
// as keys, so a page looks them up as they come from the store.
const Entry kTexts[] = {
    {"site", "服务台", "Mesa de servicio", "Service desk"},
    {"nav.queue", "工单队列", "Cola de tickets", "Queue"},
    {"nav.return_visits", "回访", "Visitas de retorno", "Return visits"},
    {"nav.dashboard", "服务承诺看板", "Panel de la carta", "Charter dashboard"},
    {"nav.areas", "服务片区", "Zonas de servicio", "Service areas"},
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
    // roles
    {"worker", "维修员", "Técnico", "Worker"},
    {"desk_agent", "客服", "Agente de mesa", "Desk agent"},
    {"supervisor", "主管", "Supervisor", "Supervisor"},
    // statuses
    {"open", "未完成", "Abiertos", "Open"},
    {"all", "全部", "Todos", "All"},
    {"accepted", "已受理", "Aceptado", "Accepted"},
    {"technician_assigned", "已派工", "Técnico asignado", "Technician assigned"},
    {"resolved", "已解决", "Resuelto", "Resolved"},
    {"closed", "已关闭", "Cerrado", "Closed"},
    // charter categories
    {"general_fault", "一般故障", "Avería general", "General fault"},
    {"major_fault", "重大故障", "Avería grave", "Major fault"},
    {"new_installation", "新装", "Nueva instalación", "New installation"},
    {"service_restoration", "恢复业务", "Restablecimiento del servicio", "Service restoration"},
    {"complaint", "投诉", "Reclamación", "Complaint"},
    // event kinds
    {"event.accepted", "受理", "Aceptado", "Accepted"},
    {"event.assigned", "派工", "Asignado", "Assigned"},
    {"event.visited", "上门", "Visitado", "Visited"},
    {"event.resolved", "解决", "Resuelto", "Resolved"},
    {"event.closed", "关闭", "Cerrado", "Closed"},
    {"event.return_visit", "机顶盒回访", "Visita de retorno (caja)", "Return visit (box)"},
    {"event.callback_logged", "电话回访", "Llamada de retorno", "Call-back logged"},
    {"event.reopened", "重新打开", "Reabierto", "Reopened"},
    {"event.flagged", "标记", "Marcado", "Flagged"},
    // queue
    {"queue.title", "工单队列", "Cola de tickets", "Ticket queue"},
    {"filter.status", "状态", "Estado", "Status"},
    {"filter.category", "服务类别", "Categoría", "Category"},
    {"filter.area", "片区", "Zona", "Area"},
    {"filter.worker", "维修员", "Técnico", "Worker"},
    {"filter.unassigned", "（未派工）", "(sin asignar)", "(unassigned)"},
    {"filter.overdue", "仅超期", "Solo vencidos", "Overdue only"},
    {"filter.due_soon", "仅4小时内到期", "Solo vencen en 4 h", "Due within 4 h only"},
    {"filter.apply", "筛选", "Filtrar", "Filter"},
    {"col.ticket", "工单", "Ticket", "Ticket"},
    {"col.category", "服务类别", "Categoría", "Category"},
    {"col.fault", "报修内容", "Avería", "Reported"},
    {"col.area", "片区", "Zona", "Area"},
    {"col.worker", "维修员", "Técnico", "Worker"},
    {"col.status", "状态", "Estado", "Status"},
    {"col.accepted", "受理时间", "Aceptado", "Accepted"},
    {"col.deadline", "时限", "Plazo", "Deadline"},
    {"col.remaining", "剩余", "Queda", "Left"},
    {"col.box", "机顶盒", "Caja", "Box"},
    {"col.phone", "回访电话", "Teléfono", "Call-back number"},
    {"col.due", "回访期限", "Vence", "Due"},
    {"col.flags", "标记", "Marcas", "Flags"},
    {"overdue", "超期", "Vencido", "Overdue"},
    {"due_soon", "即将到期", "Vence pronto", "Due soon"},
    {"hours_minutes", "%H小时%M分", "%H h %M min", "%H h %M min"},
    {"overdue_by", "超期 %T", "vencido hace %T", "overdue by %T"},
    {"due_in", "剩 %T", "quedan %T", "%T left"},
    {"queue.count", "共 %N 张工单", "%N tickets", "%N tickets"},
    {"queue.empty", "没有符合条件的工单。", "Ningún ticket cumple el filtro.",
     "No ticket matches."},
    {"times_utc", "时间均为UTC。", "Horas en UTC.", "Times are UTC."},
    // ticket
    {"ticket.title", "工单 %T", "Ticket %T", "Ticket %T"},
    {"ticket.severity", "严重程度", "Gravedad", "Severity"},
    {"general", "一般", "General", "General"},
    {"major", "重大", "Grave", "Major"},
    {"ticket.visit_period", "上门时段", "Franja de visita", "Visit period"},
    {"ticket.no_phone", "（未留电话）", "(sin teléfono)", "(no number)"},
    {"ticket.resolved_at", "解决时间", "Resuelto", "Resolved"},
    {"ticket.return_visit_due", "回访期限", "Visita de retorno antes de", "Return visit due"},
    {"ticket.low_score", "低分（1或2分）", "Puntuación baja (1 o 2)", "Low score (1 or 2)"},
    {"ticket.diagnostics", "机顶盒诊断信息", "Diagnóstico de la caja", "The box's diagnostics"},
    {"ticket.timeline", "处理记录", "Historial", "Timeline"},
    {"col.when", "时间", "Cuándo", "When"},
    {"col.who", "操作人", "Quién", "Who"},
    {"col.what", "事件", "Qué", "What"},
    {"col.detail", "详情", "Detalle", "Detail"},
    {"ticket.actions", "操作", "Acciones", "Actions"},
    {"action.assign", "派工", "Asignar", "Assign"},
    {"action.reassign", "改派", "Reasignar", "Reassign"},
    {"action.visit", "记录上门", "Registrar visita", "Record a visit"},
    {"action.resolve", "标记已解决", "Marcar resuelto", "Mark resolved"},
    {"action.close", "关闭工单", "Cerrar ticket", "Close ticket"},
    {"action.callback", "记录电话回访", "Registrar llamada de retorno", "Log a call-back"},
    {"action.clear_flags", "清除标记", "Quitar marcas", "Clear flags"},
    {"field.note", "备注", "Nota", "Note"},
    {"field.fixed", "故障已排除？", "¿Resuelto?", "Fixed?"},
    {"yes", "是", "Sí", "Yes"},
    {"no", "否", "No", "No"},
    {"field.score", "满意度（1-5）", "Satisfacción (1-5)", "Satisfaction (1-5)"},
    {"done.assigned", "已派工。", "Asignado.", "Assigned."},
    {"done.visited", "已记录上门。", "Visita registrada.", "Visit recorded."},
    {"done.resolved", "已标记为已解决，72小时内回访。",
     "Marcado resuelto; la visita de retorno vence en 72 h.",
     "Marked resolved; the return visit is due within 72 h."},
    {"done.closed", "工单已关闭。", "Ticket cerrado.", "Ticket closed."},
    {"done.callback", "电话回访已记录。", "Llamada de retorno registrada.", "Call-back logged."},
    {"done.flags", "标记已清除。", "Marcas quitadas.", "Flags cleared."},
    {"err.wrong_status", "工单当前状态不允许此操作。", "El estado del ticket no lo permite.",
     "The ticket's status does not allow this."},
    {"err.already_answered", "该工单的回访已完成。", "La visita de retorno ya está hecha.",
     "The return visit has already been answered."},
    {"err.bad_field", "表单填写有误。", "Hay un campo incorrecto.", "A field is wrong."},
    // return visits
    {"rv.title", "回访与电话回访", "Visitas y llamadas de retorno", "Return visits and call-backs"},
    {"rv.pending", "等待机顶盒回访（72小时内）", "Esperando la respuesta de la caja (72 h)",
     "Waiting for the box's answer (72 h)"},
    {"rv.callbacks", "待电话回访（机顶盒未按时回答）",
     "Llamar al cliente (la caja no respondió a tiempo)",
     "Call-back queue (the box did not answer in time)"},
    {"rv.none", "无。", "Ninguno.", "None."},
    {"rv.flagged", "低分标记的工单", "Tickets marcados por puntuación baja",
     "Tickets flagged for a low score"},
    // dashboard
    {"dash.title", "服务承诺看板", "Panel de la carta de servicio", "Charter dashboard"},
    {"dash.from", "从", "Desde", "From"},
    {"dash.to", "至（含）", "Hasta (incl.)", "To (incl.)"},
    {"dash.show", "显示", "Mostrar", "Show"},
    {"dash.csv", "导出CSV", "Exportar CSV", "Export CSV"},
    {"dash.total", "全部", "Total", "All"},
    {"dash.by_area", "按片区", "Por zona", "By area"},
    {"dash.by_worker", "按维修员", "Por técnico", "By worker"},
    {"dash.accepted", "受理工单", "Tickets aceptados", "Tickets accepted"},
    {"dash.response", "24小时响应率", "Respuesta en 24 h", "24 h response"},
    {"dash.deadlines", "按时完成", "Plazos cumplidos", "Deadlines met"},
    {"dash.return_visits", "72小时内回访（目标100%）", "Visitas de retorno en 72 h (meta 100 %)",
     "Return visits within 72 h (target 100 %)"},
    {"dash.satisfaction", "满意度", "Satisfacción", "Satisfaction"},
    {"dash.complaints", "投诉", "Reclamaciones", "Complaints"},
    {"dash.answers", "%N 次回答", "respuestas: %N", "answers: %N"},
    {"dash.bad_period", "时段无效：请用年-月-日，且开始不晚于结束。",
     "Periodo no válido: use AAAA-MM-DD y un inicio no posterior al fin.",
     "Bad period: use YYYY-MM-DD, the start not after the end."},
    // areas
    {"areas.title", "服务片区与户数定额", "Zonas de servicio y norma de hogares",
     "Service areas and the households norm"},
    {"areas.none", "未加载片区文件（serve --areas FILE）。",
     "No se ha cargado el fichero de zonas (serve --areas FICHERO).",
     "No areas file loaded (serve --areas FILE)."},
    {"areas.code", "编码", "Código", "Code"},
    {"areas.name", "名称", "Nombre", "Name"},
    {"areas.kind", "类型", "Tipo", "Kind"},
    {"city", "城市", "Ciudad", "City"},
    {"county", "县", "Condado", "County"},
    {"areas.households", "户数", "Hogares", "Households"},
    {"areas.norm", "定额", "Norma", "Norm"},
    {"areas.nodes", "节点", "Nodos", "Nodes"},
    {"areas.vacant", "（空缺）", "(vacante)", "(vacant)"},
    {"areas.over_norm", "超出定额", "Supera la norma", "Over the norm"},
    {"areas.workers", "维修员负荷", "Carga por técnico", "Worker load"},
    {"areas.load", "负荷（1.0为满额）", "Carga (1,0 = completa)", "Load (1.0 = full)"},
    {"areas.norm_text", "定额：城市每名维修员4500户，县每名2000户。",
     "Norma: 4.500 hogares por técnico en ciudad, 2.000 en condado.",
     "Norm: 4,500 households a worker in a city, 2,000 in a county."},
};

web::Catalogue build() {
  web::Catalogue c({{"zho", "zh", "中文"}, {"spa", "es", "Español"}, {"eng", "en", "English"}});
  for (const Entry& e : kTexts) {
    c.add("zho", e.key, e.zho);
    c.add("spa", e.key, e.spa);
    c.add("eng", e.key, e.eng);
  }
  return c;
}

}  // namespace

const web::Catalogue& consoleCatalogue() {
  static const web::Catalogue catalogue = build();
  return catalogue;
}

}  // namespace tools::central
