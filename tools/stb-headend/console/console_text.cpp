#include "tools/stb-headend/console/console_text.h"

#include "tools/staff/console_texts.h"

namespace tools::headend::console {
namespace {

using staff::ConsoleText;

// Roles, notice kinds and audit actions use their stored names as keys.
const ConsoleText kTexts[] = {
    {"site", "前端发布台", "Consola de la cabecera", "Headend console"},
    {"nav.notices", "公告", "Avisos", "Notices"},
    {"nav.new", "新公告", "Nuevo aviso", "New notice"},
    {"nav.audit", "审计日志", "Registro de auditoría", "Audit log"},
    {"nav.status", "播出状态", "Estado de emisión", "On air"},
    {"editor", "编辑", "Editor", "Editor"},
    {"supervisor", "主管", "Supervisor", "Supervisor"},
    {"planned_maintenance", "计划维护", "Mantenimiento programado", "Planned maintenance"},
    {"unplanned_outage", "突发故障", "Avería imprevista", "Unplanned outage"},
    {"service_change", "业务变更", "Cambio de servicio", "Service change"},
    {"emergency", "紧急", "Emergencia", "Emergency"},
    {"information", "信息", "Información", "Information"},
    {"publish", "发布", "Publicación", "Publish"},
    {"revise", "修订", "Revisión", "Revision"},
    {"cancel", "撤销", "Cancelación", "Cancellation"},
    {"approve", "批准", "Aprobación", "Approval"},
    {"form.kind", "类型", "Tipo", "Kind"},
    {"form.priority", "优先级", "Prioridad", "Priority"},
    {"form.areas", "区域（运营商列表）", "Zonas (lista del operador)", "Areas (operator's list)"},
    {"form.prefixes", "或输入区域代码前缀", "o prefijos de zona escritos",
     "or typed area prefixes"},
    {"form.nodes", "节点", "Nodos", "Nodes"},
    {"form.start", "开始（UTC）", "Inicio (UTC)", "Start (UTC)"},
    {"form.end", "结束（UTC）", "Fin (UTC)", "End (UTC)"},
    {"form.lead_hours", "提前小时数", "Horas de antelación", "Lead time (hours)"},
    {"form.title", "标题", "Título", "Title"},
    {"form.body", "正文", "Texto", "Body"},
    {"form.contact", "联系电话", "Teléfono de contacto", "Contact"},
    {"form.preview", "预览", "Vista previa", "Preview"},
    {"form.publish", "发布", "Publicar", "Publish"},
    {"form.preview_first", "请先预览：发布的只能是预览过且未再修改的内容。",
     "Previsualice primero: solo se publica lo previsualizado y sin cambios desde entonces.",
     "Preview first: only what was previewed, unchanged since, is published."},
    {"form.errors", "请更正标出的字段。", "Corrija los campos señalados.",
     "Please correct the fields marked."},
    {"form.revising", "修订公告", "Revisión del aviso", "Revising notice"},
    {"preview.title", "预览：观众将看到的滚动条", "Vista previa: la barra que verá el público",
     "Preview: the bar as viewers will see it"},
    {"preview.failed", "无法生成预览：",
     "No se pudo hacer la vista previa: ", "The preview failed: "},
    {"preview.ahead", "提前（24小时前）", "Antes (24 h antes)", "Ahead (24 h before)"},
    {"preview.live", "进行中", "En curso", "In progress"},
    {"preview.crossing", "滚动一遍所需秒数", "Segundos en cruzar la pantalla",
     "Seconds to cross the screen"},
    {"published", "已发布。", "Publicado.", "Published."},
    {"pending.saved", "紧急公告已提交，等待另一位主管批准。",
     "Emergencia enviada; espera la aprobación de otro supervisor.",
     "Emergency saved; it waits for another supervisor's approval."},
    {"approved", "已批准并发布。", "Aprobado y publicado.", "Approved and published."},
    {"cancelled", "已撤销。", "Cancelado.", "Cancelled."},
    {"publish_failed", "发布失败：", "La publicación falló: ", "Publishing failed: "},
    {"list.pending", "待批准的紧急公告", "Emergencias por aprobar",
     "Emergencies awaiting approval"},
    {"list.published", "已发布的公告", "Avisos publicados", "Published notices"},
    {"list.none", "无。", "Ninguno.", "None."},
    {"list.id", "编号", "Número", "Id"},
    {"list.revision", "版本", "Revisión", "Revision"},
    {"list.author", "作者", "Autor", "Author"},
    {"list.state", "状态", "Estado", "State"},
    {"list.on_air", "播出中", "En emisión", "On air"},
    {"list.cancelled", "已撤销", "Cancelado", "Cancelled"},
    {"list.revise", "修订", "Revisar", "Revise"},
    {"list.cancel", "撤销", "Cancelar", "Cancel"},
    {"list.approve", "批准", "Aprobar", "Approve"},
    {"audit.who", "操作人", "Quién", "Who"},
    {"audit.when", "时间（UTC）", "Cuándo (UTC)", "When (UTC)"},
    {"audit.action", "操作", "Acción", "Action"},
    {"audit.object", "对象", "Objeto", "Object"},
    {"status.none", "尚无播出状态（status.json）。", "Aún no hay estado de emisión (status.json).",
     "No playout status yet (status.json)."},
    {"status.bitrate", "码率（已用/预算/总）", "Tasa (usada/presupuesto/total)",
     "Bitrate (used/budget/total)"},
    {"status.interval", "间隔（毫秒）", "Intervalo (ms)", "Interval (ms)"},
    {"status.last_out", "最近播出（UTC）", "Última salida (UTC)", "Last out (UTC)"},
    {"status.alarms", "告警", "Alarmas", "Alarms"},
};

}  // namespace

const web::Catalogue& consoleCatalogue() {
  static const web::Catalogue catalogue =
      staff::makeConsoleCatalogue(kTexts, sizeof kTexts / sizeof kTexts[0]);
  return catalogue;
}

}  // namespace tools::headend::console
