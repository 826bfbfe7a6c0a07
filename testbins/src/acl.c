/*
 * acl - POSIX.1e access control lists.
 * Covers: __acl_get_file(347) __acl_set_file(348) __acl_get_fd(349)
 *         __acl_set_fd(350) __acl_delete_file(351) __acl_delete_fd(352)
 *         __acl_aclcheck_file(353) __acl_aclcheck_fd(354)
 *         __acl_get_link(425) __acl_set_link(426) __acl_delete_link(427)
 *         __acl_aclcheck_link(428).
 * Expected results: acl(3), acl_get_file(3), acl_set_file(3),
 * acl_delete(3), acl_valid(3), sys/sys/acl.h (struct acl: acl_maxcnt,
 * acl_cnt, acl_spare[4], ACL_MAX_ENTRIES 254 entries of {tag, id, perm,
 * entry_type, flags}; struct oldacl: acl_cnt, 32 entries of {tag, id,
 * perm}; ACL_USER_OBJ 1, ACL_USER 2, ACL_GROUP_OBJ 4, ACL_GROUP 8,
 * ACL_MASK 0x10, ACL_OTHER 0x20, ACL_EVERYONE 0x40; ACL_EXECUTE 1,
 * ACL_WRITE 2, ACL_READ 4; ACL_TYPE_ACCESS_OLD 0, ACL_TYPE_ACCESS 2,
 * ACL_TYPE_DEFAULT 3, ACL_TYPE_NFS4 4; ACL_UNDEFINED_ID -1),
 * sys/kern/vfs_acl.c and sys/ufs/ufs/ufs_acl.c (UFS mounted with "acls"):
 * a file without an extended ACL reads as three entries from its mode with
 * ACL_UNDEFINED_ID; setting an access ACL with a mask makes the group mode
 * bits the mask's; a directory without a default ACL reads as an empty
 * ACL; a default ACL on a file is EINVAL (get, set, aclcheck) and deleting
 * it ENOTDIR; deleting an access ACL EINVAL; a struct acl whose acl_maxcnt
 * is not 254 EINVAL; acl_posix1e_check: one USER_OBJ, GROUP_OBJ, OTHER, a
 * MASK when USER/GROUP entries exist, known tags, perms within 7 (EINVAL);
 * NFSv4 and unknown types EINVAL; a new file in a directory with a default
 * ACL takes its mode from the create mode less the umask (kern_openat
 * applies it first; the program sets 022), masked by that ACL. The entries of
 * the ACLs set here are in acl_sort order, so FreeBSD returns them so.
 * xrun-covers: __acl_get_file __acl_set_file __acl_get_fd __acl_set_fd
 * xrun-covers: __acl_delete_file __acl_delete_fd __acl_aclcheck_file
 * xrun-covers: __acl_aclcheck_fd __acl_get_link __acl_set_link
 * xrun-covers: __acl_delete_link __acl_aclcheck_link chdir close exit
 * xrun-covers: fstatat fchmod umask mkdir open rmdir unlink write getdirentries
 */
#include "rt.h"

#define DIR "/tmp/xrun-tb-acl-scratch"
#define NR___acl_get_file 347
#define NR___acl_set_file 348
#define NR___acl_get_fd 349
#define NR___acl_set_fd 350
#define NR___acl_delete_file 351
#define NR___acl_delete_fd 352
#define NR___acl_aclcheck_file 353
#define NR___acl_aclcheck_fd 354
#define NR___acl_get_link 425
#define NR___acl_set_link 426
#define NR___acl_delete_link 427
#define NR___acl_aclcheck_link 428
#define ACCESS_OLD 0
#define ACCESS 2
#define DEFAULT 3
#define NFS4 4
#define USER_OBJ 1
#define USER 2
#define GROUP_OBJ 4
#define GROUP 8
#define MASK 0x10
#define OTHER 0x20
#define EVERYONE 0x40
#define UNDEF 0xffffffffu
#define NR_fchmod_ 124
#define NR_umask 60

struct acl_entry { unsigned tag, id, perm; unsigned short type, flags; };
struct acl { unsigned maxcnt, cnt; int spare[4]; struct acl_entry e[254]; };
struct oldacl_entry { unsigned tag, id, perm; };
struct oldacl { int cnt; struct oldacl_entry e[32]; };

static struct acl a, g;
static struct oldacl old;

static void set(struct acl *x, int n, const unsigned (*t)[3])
{
	memset(x, 0, sizeof *x);
	x->maxcnt = 254;
	x->cnt = n;
	for (int i = 0; i < n; i++) {
		x->e[i].tag = t[i][0];
		x->e[i].id = t[i][1];
		x->e[i].perm = t[i][2];
	}
}

static void show(const char *what, struct acl *x)
{
	char line[512];
	line[0] = 0;
	for (unsigned i = 0; i < x->cnt && i < 8; i++) {
		char one[64];
		rt_format(one, sizeof one, "%s%x:%ld:%x", i ? " " : "", x->e[i].tag,
		    x->e[i].id == UNDEF ? -1L : (long)x->e[i].id, x->e[i].perm);
		rt_strcat(line, one);
	}
	rt_say("  %s: cnt=%d maxcnt=%d [%s]", what, (int)x->cnt, (int)x->maxcnt, line);
}

static long mode_of(const char *path)
{
	struct stat st;
	if (SC4(NR_fstatat, AT_FDCWD, path, &st, 0) != 0)
		return -1;
	return st.st_mode & 07777;
}

int main(int argc, char **argv, char **envp)
{
	(void)argc; (void)argv; (void)envp;
	SC1(NR_umask, 022);
	rt_rmtree(DIR);
	sys_mkdir(DIR, 0755);
	rt_expect_ret("chdir(DIR)", sys_chdir(DIR), 0);
	long fd = sys_open("f", O_RDWR | O_CREAT, 0640);
	rt_expect_true("open(\"f\", O_CREAT, 0640) >= 0", fd >= 0);
	SC2(NR_fchmod_, fd, 0640);

	memset(&g, 0x55, sizeof g);
	g.maxcnt = 254;
	rt_expect_ret("__acl_get_file(\"f\", ACL_TYPE_ACCESS, &acl)", SC3(NR___acl_get_file, "f", ACCESS, &g), 0);
	show("acl", &g);

	static const unsigned ext[5][3] = { { USER_OBJ, UNDEF, 6 }, { USER, 1000, 4 }, { GROUP_OBJ, UNDEF, 4 }, { MASK, UNDEF, 6 }, { OTHER, UNDEF, 0 } };
	set(&a, 5, ext);
	rt_expect_ret("__acl_aclcheck_file(\"f\", ACL_TYPE_ACCESS, {user_obj rw, user 1000 r, group_obj r, mask rw, other -})", SC3(NR___acl_aclcheck_file, "f", ACCESS, &a), 0);
	rt_expect_ret("__acl_set_file(\"f\", ACL_TYPE_ACCESS, {user_obj rw, user 1000 r, group_obj r, mask rw, other -})", SC3(NR___acl_set_file, "f", ACCESS, &a), 0);
	rt_expect_oct("  mode", mode_of("f"), 0660);
	memset(&g, 0, sizeof g);
	g.maxcnt = 254;
	rt_expect_ret("__acl_get_file(\"f\", ACL_TYPE_ACCESS, &acl)", SC3(NR___acl_get_file, "f", ACCESS, &g), 0);
	show("acl", &g);
	memset(&g, 0, sizeof g);
	g.maxcnt = 254;
	rt_expect_ret("__acl_get_fd(fd, ACL_TYPE_ACCESS, &acl)", SC3(NR___acl_get_fd, fd, ACCESS, &g), 0);
	show("acl", &g);
	memset(&g, 0, sizeof g);
	g.maxcnt = 254;
	rt_expect_ret("__acl_get_link(\"f\", ACL_TYPE_ACCESS, &acl)", SC3(NR___acl_get_link, "f", ACCESS, &g), 0);
	show("acl", &g);
	memset(&old, 0x55, sizeof old);
	rt_expect_ret("__acl_get_file(\"f\", ACL_TYPE_ACCESS_OLD, &oldacl)", SC3(NR___acl_get_file, "f", ACCESS_OLD, &old), 0);
	rt_say("  oldacl: cnt=%d [%x:%x %x:%ld:%x %x:%x %x:%x %x:%x] e[5]=%x", old.cnt, old.e[0].tag, old.e[0].perm,
	    old.e[1].tag, (long)old.e[1].id, old.e[1].perm, old.e[2].tag, old.e[2].perm, old.e[3].tag, old.e[3].perm,
	    old.e[4].tag, old.e[4].perm, old.e[5].tag);

	/* checks */
	static const unsigned nomask[4][3] = { { USER_OBJ, UNDEF, 6 }, { USER, 1000, 4 }, { GROUP_OBJ, UNDEF, 4 }, { OTHER, UNDEF, 0 } };
	set(&a, 4, nomask);
	rt_expect_ret("__acl_aclcheck_file(\"f\", ACL_TYPE_ACCESS, {user 1000 without mask})", SC3(NR___acl_aclcheck_file, "f", ACCESS, &a), -EINVAL);
	rt_expect_ret("__acl_set_file(\"f\", ACL_TYPE_ACCESS, {user 1000 without mask})", SC3(NR___acl_set_file, "f", ACCESS, &a), -EINVAL);
	static const unsigned badperm[3][3] = { { USER_OBJ, UNDEF, 8 }, { GROUP_OBJ, UNDEF, 4 }, { OTHER, UNDEF, 0 } };
	set(&a, 3, badperm);
	rt_expect_ret("__acl_aclcheck_fd(fd, ACL_TYPE_ACCESS, {user_obj perm 8, ...})", SC3(NR___acl_aclcheck_fd, fd, ACCESS, &a), -EINVAL);
	static const unsigned everyone[4][3] = { { USER_OBJ, UNDEF, 6 }, { GROUP_OBJ, UNDEF, 4 }, { OTHER, UNDEF, 0 }, { EVERYONE, UNDEF, 4 } };
	set(&a, 4, everyone);
	rt_expect_ret("__acl_aclcheck_link(\"f\", ACL_TYPE_ACCESS, {..., everyone@ r})", SC3(NR___acl_aclcheck_link, "f", ACCESS, &a), -EINVAL);
	static const unsigned twoowners[4][3] = { { USER_OBJ, UNDEF, 6 }, { USER_OBJ, UNDEF, 4 }, { GROUP_OBJ, UNDEF, 4 }, { OTHER, UNDEF, 0 } };
	set(&a, 4, twoowners);
	rt_expect_ret("__acl_aclcheck_file(\"f\", ACL_TYPE_ACCESS, {two user_obj})", SC3(NR___acl_aclcheck_file, "f", ACCESS, &a), -EINVAL);
	static const unsigned minimal[3][3] = { { USER_OBJ, UNDEF, 6 }, { GROUP_OBJ, UNDEF, 4 }, { OTHER, UNDEF, 4 } };
	set(&a, 3, minimal);
	a.maxcnt = 10;
	rt_expect_ret("__acl_set_file(\"f\", ACL_TYPE_ACCESS, {maxcnt 10, ...})", SC3(NR___acl_set_file, "f", ACCESS, &a), -EINVAL);
	g.maxcnt = 10;
	rt_expect_ret("__acl_get_file(\"f\", ACL_TYPE_ACCESS, {maxcnt 10})", SC3(NR___acl_get_file, "f", ACCESS, &g), -EINVAL);
	a.maxcnt = 254;
	g.maxcnt = 254;
	rt_expect_ret("__acl_get_file(\"f\", ACL_TYPE_NFS4, &acl)", SC3(NR___acl_get_file, "f", NFS4, &g), -EINVAL);
	rt_expect_ret("__acl_get_file(\"f\", 9, &acl)", SC3(NR___acl_get_file, "f", 9, &g), -EINVAL);
	rt_expect_ret("__acl_aclcheck_file(\"f\", ACL_TYPE_NFS4, &acl)", SC3(NR___acl_aclcheck_file, "f", NFS4, &a), -EINVAL);
	rt_expect_ret("__acl_get_file(\"nofile\", ACL_TYPE_ACCESS, &acl)", SC3(NR___acl_get_file, "nofile", ACCESS, &g), -ENOENT);
	rt_expect_ret("__acl_get_fd(99, ACL_TYPE_ACCESS, &acl)", SC3(NR___acl_get_fd, 99, ACCESS, &g), -EBADF);
	rt_expect_ret("__acl_set_fd(99, ACL_TYPE_ACCESS, &acl)", SC3(NR___acl_set_fd, 99, ACCESS, &a), -EBADF);

	/* default ACLs belong to directories */
	rt_expect_ret("__acl_get_file(\"f\", ACL_TYPE_DEFAULT, &acl)", SC3(NR___acl_get_file, "f", DEFAULT, &g), -EINVAL);
	rt_expect_ret("__acl_set_file(\"f\", ACL_TYPE_DEFAULT, {minimal})", SC3(NR___acl_set_file, "f", DEFAULT, &a), -EINVAL);
	rt_expect_ret("__acl_aclcheck_file(\"f\", ACL_TYPE_DEFAULT, {minimal})", SC3(NR___acl_aclcheck_file, "f", DEFAULT, &a), -EINVAL);
	rt_expect_ret("__acl_delete_file(\"f\", ACL_TYPE_DEFAULT)", SC2(NR___acl_delete_file, "f", DEFAULT), -ENOTDIR);
	rt_expect_ret("__acl_delete_file(\"f\", ACL_TYPE_ACCESS)", SC2(NR___acl_delete_file, "f", ACCESS), -EINVAL);

	/* back to a minimal ACL through the descriptor: the mode follows */
	rt_expect_ret("__acl_set_fd(fd, ACL_TYPE_ACCESS, {user_obj rw, group_obj r, other r})", SC3(NR___acl_set_fd, fd, ACCESS, &a), 0);
	rt_expect_oct("  mode", mode_of("f"), 0644);
	memset(&g, 0, sizeof g);
	g.maxcnt = 254;
	rt_expect_ret("__acl_get_file(\"f\", ACL_TYPE_ACCESS, &acl)", SC3(NR___acl_get_file, "f", ACCESS, &g), 0);
	show("acl", &g);
	static const unsigned grp[5][3] = { { USER_OBJ, UNDEF, 7 }, { GROUP_OBJ, UNDEF, 0 }, { GROUP, 0, 5 }, { MASK, UNDEF, 5 }, { OTHER, UNDEF, 1 } };
	set(&a, 5, grp);
	rt_expect_ret("__acl_set_link(\"f\", ACL_TYPE_ACCESS, {user_obj rwx, group_obj -, group 0 rx, mask rx, other x})", SC3(NR___acl_set_link, "f", ACCESS, &a), 0);
	rt_expect_oct("  mode", mode_of("f"), 0751);
	memset(&g, 0, sizeof g);
	g.maxcnt = 254;
	SC3(NR___acl_get_fd, fd, ACCESS, &g);
	show("acl", &g);

	/* a directory's default ACL */
	sys_mkdir("d", 0755);
	memset(&g, 0x55, sizeof g);
	g.maxcnt = 254;
	rt_expect_ret("__acl_get_file(\"d\", ACL_TYPE_DEFAULT, &acl)", SC3(NR___acl_get_file, "d", DEFAULT, &g), 0);
	rt_expect_eq("  cnt", g.cnt, 0);
	static const unsigned dflt[3][3] = { { USER_OBJ, UNDEF, 7 }, { GROUP_OBJ, UNDEF, 5 }, { OTHER, UNDEF, 5 } };
	set(&a, 3, dflt);
	rt_expect_ret("__acl_aclcheck_file(\"d\", ACL_TYPE_DEFAULT, {user_obj rwx, group_obj rx, other rx})", SC3(NR___acl_aclcheck_file, "d", DEFAULT, &a), 0);
	rt_expect_ret("__acl_set_file(\"d\", ACL_TYPE_DEFAULT, {user_obj rwx, group_obj rx, other rx})", SC3(NR___acl_set_file, "d", DEFAULT, &a), 0);
	memset(&g, 0, sizeof g);
	g.maxcnt = 254;
	rt_expect_ret("__acl_get_file(\"d\", ACL_TYPE_DEFAULT, &acl)", SC3(NR___acl_get_file, "d", DEFAULT, &g), 0);
	show("acl", &g);
	long nf = sys_open("d/new", O_RDWR | O_CREAT, 0666);
	rt_expect_true("open(\"d/new\", O_CREAT, 0666) >= 0", nf >= 0);
	sys_close((int)nf);
	rt_expect_oct("  mode of d/new (0666 less umask 022, within the default ACL)", mode_of("d/new"), 0644);
	long dfd = sys_open("d", O_RDONLY | O_DIRECTORY, 0);
	rt_expect_ret("__acl_delete_fd(dfd, ACL_TYPE_DEFAULT)", SC2(NR___acl_delete_fd, dfd, DEFAULT), 0);
	memset(&g, 0x55, sizeof g);
	g.maxcnt = 254;
	rt_expect_ret("__acl_get_fd(dfd, ACL_TYPE_DEFAULT, &acl)", SC3(NR___acl_get_fd, dfd, DEFAULT, &g), 0);
	rt_expect_eq("  cnt", g.cnt, 0);
	rt_expect_ret("__acl_delete_link(\"d\", ACL_TYPE_DEFAULT) [none left]", SC2(NR___acl_delete_link, "d", DEFAULT), 0);
	rt_expect_ret("__acl_delete_file(\"d\", ACL_TYPE_DEFAULT) [none left]", SC2(NR___acl_delete_file, "d", DEFAULT), 0);
	rt_expect_ret("__acl_delete_fd(fd, ACL_TYPE_DEFAULT)", SC2(NR___acl_delete_fd, fd, DEFAULT), -ENOTDIR);
	sys_close((int)dfd);

	sys_close((int)fd);
	sys_chdir("/");
	rt_rmtree(DIR);
	return rt_finish();
}
